using Appliance.HaAgent.Sync.Node;
using Appliance.Host.Switchover;

namespace Appliance.Host.Sync;

/// <summary><c>appliance failover --to NODE</c>: asks NODE through the sync service's Takeover RPC.</summary>
internal sealed class SyncTakeoverRequester : ITakeoverRequester
{
    /// <summary>The RPC's deadline: the target answers once its override is set, not when it is master.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

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
}
