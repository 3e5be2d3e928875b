using Appliance.HaAgent.Sync.Node;
using Appliance.HaAgent.Sync.Status;
using Appliance.Host.Switchover;

namespace Appliance.Host.Sync;

/// <summary>
/// The planned switchover's drain over the sync node: done when every sync peer (configured or discovered, the set at
/// each check) has an open replication stream and has
/// acknowledged everything this master sequenced (lag 0). A peer without a stream counts as not drained, so the
/// switchover waits for it (or its <c>--timeout</c> fails it) rather than hand over with changes it never received.
/// </summary>
internal sealed class SyncReplicationDrain : IReplicationDrain
{
    // The sync node's wait re-checks at every ack and heartbeat; the coordinator's token is the real deadline.
    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);

    private readonly SyncNode _node;
    private readonly TimeProvider _time;

    public SyncReplicationDrain(SyncNode node, TimeProvider time)
    {
        _node = node;
        _time = time;
    }

    /// <summary>The node's peers now: configured and discovered (discovery adds and removes them while the node runs).</summary>
    public int PeerCount => _node.PeerCount;

    public async Task<bool> WaitForZeroLagAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var streaming = _node.GetStatus().Peers.All(p => p.State == PeerConnectionState.Streaming);
                if (streaming && await _node.WaitForPeersCaughtUpAsync(Slice, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }

                if (!streaming)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
