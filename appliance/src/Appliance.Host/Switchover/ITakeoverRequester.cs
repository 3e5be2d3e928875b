namespace Appliance.Host.Switchover;

/// <summary>
/// Seam for the sync service's Takeover RPC (issue 6): <c>appliance failover --to NODE</c> asks NODE, through the sync
/// channel, to run at <see cref="SwitchoverCoordinator.TakeoverPriority"/> (the receiving side calls
/// <see cref="SwitchoverCoordinator.AcceptTakeoverAsync"/>) so that it, and no other backup, wins when this master resigns.
/// While no sync service runs, <see cref="SwitchoverCoordinator.Takeover"/> is null and <c>--to</c> fails saying so.
/// </summary>
internal interface ITakeoverRequester
{
    /// <summary>
    /// Asks <paramref name="node"/> to take over, holding its override for <paramref name="hold"/> (null = until it is
    /// released). Returns the peer's answer; an unknown or unreachable node is an answer with <see cref="TakeoverReply.Accepted"/>
    /// false and the reason, not an exception.
    /// </summary>
    Task<TakeoverReply> RequestTakeoverAsync(string node, TimeSpan? hold, CancellationToken cancellationToken);

    /// <summary>
    /// Asks <paramref name="node"/> to end the takeover override <see cref="RequestTakeoverAsync"/> set (the switchover
    /// failed), so it runs its configured priority again. Failures are an answer, not an exception, as above.
    /// </summary>
    Task<TakeoverReply> ReleaseTakeoverAsync(string node, CancellationToken cancellationToken);

    /// <summary>
    /// Every node's role as the node itself reports it (this node first, then each sync peer; an unreachable peer is a
    /// <see cref="ClusterRole"/> with its error): how the switchover confirms that NODE, and no other node, took over.
    /// </summary>
    Task<IReadOnlyList<ClusterRole>> ReadRolesAsync(CancellationToken cancellationToken);
}
