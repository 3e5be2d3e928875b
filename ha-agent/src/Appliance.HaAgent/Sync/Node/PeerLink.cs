using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Sync.Client;
using Appliance.HaAgent.Sync.Replication;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>Everything a node keeps for one peer: its channel, the master-side stream state and the stream's wake-up.</summary>
internal sealed class PeerLink : IDisposable
{
    private int _repairing;

    public PeerLink(SyncPeerConfig config, GrpcChannel channel, PeerReplicationState state)
    {
        Config = config;
        Channel = channel;
        State = state;
    }

    public SyncPeerConfig Config { get; }

    public string Name => Config.Name;

    public GrpcChannel Channel { get; }

    public PeerReplicationState State { get; }

    /// <summary>Pulsed when the log grows, an ack arrives or a snapshot is due.</summary>
    public AsyncSignal Wake { get; } = new();

    /// <summary>True once this node merged the peer's state (initial pull or the master's pull before its first snapshot).</summary>
    public bool Pulled { get; set; }

    /// <summary>The configuration version a repair was last attempted for (0: none).</summary>
    public long RepairedVersion { get; set; }

    /// <summary>Claims the one configuration repair that may run for this peer at a time.</summary>
    public bool TryBeginRepair() => Interlocked.CompareExchange(ref _repairing, 1, 0) == 0;

    public void EndRepair() => Volatile.Write(ref _repairing, 0);

    public void Dispose() => Channel.Dispose();
}
