using Appliance.HaAgent.Sync.Node;
using Appliance.Host.Switchover;

namespace Appliance.Host.Sync;

/// <summary>
/// <c>appliance failover --to NODE</c>: asks NODE through the sync service's Takeover RPC, and afterwards reads every
/// node's own role report (the GetStatus RPC, as <c>appliance sync status</c> does) to confirm who took over.
/// </summary>
internal sealed class SyncTakeoverRequester : ITakeoverRequester
{
    /// <summary>The RPC's deadline: the target answers once its override is set, not when it is master.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Each peer's GetStatus deadline while confirming: a peer that takes longer is reported unreachable for that read.</summary>
    public static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(2);

    private readonly SyncNode _node;

    public SyncTakeoverRequester(SyncNode node) => _node = node;

    public async Task<TakeoverReply> RequestTakeoverAsync(string node, TimeSpan? hold, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _node.RequestTakeoverAsync(node, CallTimeout, hold, cancellationToken).ConfigureAwait(false);
            return new TakeoverReply(result.Accepted, $"{result.Node}: {result.Detail}");
        }
        catch (ArgumentException e)
        {
            return new TakeoverReply(false, e.Message);
        }
    }

    public async Task<TakeoverReply> ReleaseTakeoverAsync(string node, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _node.ReleaseTakeoverAsync(node, CallTimeout, cancellationToken).ConfigureAwait(false);
            return new TakeoverReply(result.Accepted, $"{result.Node}: {result.Detail}");
        }
        catch (ArgumentException e)
        {
            return new TakeoverReply(false, e.Message);
        }
    }

    public async Task<IReadOnlyList<ClusterRole>> ReadRolesAsync(CancellationToken cancellationToken)
    {
        var status = await _node.GetClusterStatusAsync(StatusTimeout, cancellationToken).ConfigureAwait(false);
        return [.. status.Nodes.Select(n => new ClusterRole(n.Node, n.Role, n.Error))];
    }
}
