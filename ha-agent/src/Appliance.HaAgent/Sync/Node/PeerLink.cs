using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Sync.Client;
using Appliance.HaAgent.Sync.Replication;
using Appliance.HaAgent.Sync.Status;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>
/// Everything a node keeps for one peer: its channel, the master-side stream state and the stream's wake-up. A link
/// lives as long as the peer is in the node's <see cref="SyncPeerSet"/>: a removed (or moved) peer's link is
/// <see cref="Close">closed</see>, which ends its stream, and disposed once that stream has ended.
/// </summary>
internal sealed class PeerLink : IDisposable
{
    private readonly CancellationTokenSource _closed = new();
    private int _repairing;
    private int _disposed;

    public PeerLink(SyncPeerConfig config, PeerSource source, GrpcChannel channel, PeerReplicationState state)
    {
        Config = config;
        Source = source;
        Channel = channel;
        State = state;
        ClosedToken = _closed.Token;
    }

    public SyncPeerConfig Config { get; }

    public string Name => Config.Name;

    /// <summary>A <c>sync_peer</c> line or discovery.</summary>
    public PeerSource Source { get; }

    public GrpcChannel Channel { get; }

    public PeerReplicationState State { get; }

    /// <summary>Pulsed when the log grows, an ack arrives or a snapshot is due.</summary>
    public AsyncSignal Wake { get; } = new();

    /// <summary>Cancelled when the peer leaves the set: its stream ends.</summary>
    public CancellationToken ClosedToken { get; }

    /// <summary>The master's stream loop to this peer (completed when none runs); written under the node's role lock.</summary>
    public Task Stream { get; set; } = Task.CompletedTask;

    /// <summary>True once this node merged the peer's state (initial pull or the master's pull before its first snapshot).</summary>
    public bool Pulled { get; set; }

    /// <summary>The configuration version a repair was last attempted for (0: none).</summary>
    public long RepairedVersion { get; set; }

    /// <summary>Claims the one configuration repair that may run for this peer at a time.</summary>
    public bool TryBeginRepair() => Interlocked.CompareExchange(ref _repairing, 1, 0) == 0;

    public void EndRepair() => Volatile.Write(ref _repairing, 0);

    /// <summary>The peer left the set: ends its stream (calls already running on the channel finish or fail on their own).</summary>
    public void Close()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: closed long ago.
        }
    }

    /// <summary>Closes the link and its connection; calls still running on it fail with an <see cref="Grpc.RpcException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _closed.Cancel();
        _closed.Dispose();
        Channel.Dispose();
    }
}
