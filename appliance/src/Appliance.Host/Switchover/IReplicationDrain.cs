namespace Appliance.Host.Switchover;

/// <summary>
/// Seam for the sync service (issue 6): lets a planned switchover wait until every sync peer has acknowledged everything
/// this master sent (replication lag 0), so the node that takes over serves with the same stick tables. While no sync
/// service runs, <see cref="SwitchoverCoordinator.Drain"/> is null and the switchover says "no sync peers: nothing to drain".
/// </summary>
internal interface IReplicationDrain
{
    /// <summary>How many peers the drain waits for; 0 means there is nothing to drain.</summary>
    int PeerCount { get; }

    /// <summary>
    /// Completes with true once every peer's lag is 0, or false when <paramref name="cancellationToken"/> (the
    /// switchover's <c>--timeout</c>) fires first. Must not throw for a slow peer; a peer that is down counts as not drained.
    /// </summary>
    Task<bool> WaitForZeroLagAsync(CancellationToken cancellationToken);
}
