namespace Appliance.HaAgent.Sync.Node;

/// <summary>
/// This node's part in a planned switchover (implemented by the host): when the master asks this node to take over,
/// the host makes it win the election (raises its VRRP priority above the master's) and answers.
/// </summary>
public interface ITakeoverHandler
{
    /// <summary>Starts taking over; returns once the attempt is under way (or refused), not when this node is master.</summary>
    Task<TakeoverResult> TakeOverAsync(TakeoverRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the takeover override an earlier request set (the switchover that asked for it failed): this node runs its
    /// configured priority again. <paramref name="from"/> is the asking node.
    /// </summary>
    Task<TakeoverResult> ReleaseAsync(string from, CancellationToken cancellationToken);
}
