using System.Globalization;
using Appliance.Contracts;

namespace Appliance.Host.Switchover;

/// <summary>
/// The last step of <c>appliance failover --to NODE</c>, after this master resigned: waits (bounded by the switchover's
/// token, <c>--timeout</c>) until a new master's adverts are heard here, then asks every node over the sync service which
/// role it runs, and succeeds only when NODE, and no other node, reports MASTER. A different outcome (another node won,
/// the master heard reports no MASTER over sync, two masters) is given <see cref="SettleTime"/> to turn into NODE, since a
/// preempting NODE at the takeover priority takes a lower master's place after its Master_Down_Interval; if it does not,
/// or nothing is heard before the timeout, the switchover failed: this node's hold is released and NODE is asked to end its
/// takeover override, so the election runs as configured again (the VIP is never unowned meanwhile: a resigned node keeps it until a new master is heard, and takes
/// over itself if none appears).
/// </summary>
internal sealed class TakeoverConfirmation
{
    // Until a master is heard the driver's view is read often (it changes on the first advert); once one is heard the
    // nodes are asked over the network, one GetStatus per peer, so less often.
    private static readonly TimeSpan AdvertPollPeriod = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan RolePollPeriod = TimeSpan.FromMilliseconds(100);

    // The time a node needs after its VRRP transition until its sync status reports the new role (the host follows
    // the agent's role events), plus one role poll.
    private static readonly TimeSpan RoleReportMargin = TimeSpan.FromMilliseconds(500);

    // How long the recovery waits for NODE to end its takeover override.
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    private readonly ISwitchoverAgent _agent;
    private readonly ITakeoverRequester _cluster;
    private readonly TimeProvider _time;

    public TakeoverConfirmation(ISwitchoverAgent agent, ITakeoverRequester cluster, TimeProvider time)
    {
        _agent = agent;
        _cluster = cluster;
        _time = time;
    }

    /// <summary>
    /// How long an outcome other than "NODE is the only master" may last before it counts: a NODE at
    /// <see cref="SwitchoverCoordinator.TakeoverPriority"/> with preempt discards a lower master's adverts and takes over
    /// after Master_Down_Interval = 3 × Master_Adver_Interval + Skew_Time (RFC 5798 §6.1; Skew_Time at 254 is under one
    /// interval), so 4 intervals, plus <see cref="RoleReportMargin"/> for its role to show in its sync status.
    /// </summary>
    public TimeSpan SettleTime => (4 * _agent.AdvertInterval) + RoleReportMargin;

    /// <summary>Waits for NODE to be the one master; the result's last line names who is master, or why that is not known.</summary>
    /// <param name="node">The node that was asked to take over.</param>
    /// <param name="hold">The hold NODE was asked to keep its takeover priority for (for the failure text).</param>
    /// <param name="timeout">The switchover's <c>--timeout</c> (for the failure text; <paramref name="token"/> enforces it).</param>
    /// <param name="resigned">The timestamp of the resignation.</param>
    /// <param name="lines">The switchover's lines so far.</param>
    /// <param name="token">Fires at the switchover's timeout.</param>
    public async Task<SwitchoverResult> ConfirmAsync(
        string node, TimeSpan? hold, TimeSpan timeout, long resigned, List<string> lines, CancellationToken token)
    {
        long? heardAt = null;
        long? unsettledSince = null;
        string? outcome = null;
        while (true)
        {
            if (_agent.Role == HaRole.Master)
            {
                // Master_Down_Interval passed without a new master: this node took the VIP back and its hold ended.
                return SwitchoverResult.Failed(lines,
                    $"{node} did not become master: no backup took over, this node is MASTER again ({Ms(_time.GetElapsedTime(resigned))} after the resign); its hold ended with that");
            }

            if (_agent.MasterAddress is { } heard)
            {
                heardAt ??= _time.GetTimestamp();
                IReadOnlyList<ClusterRole> roles;
                try
                {
                    roles = await _cluster.ReadRolesAsync(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                var masters = roles.Where(r => r.Role == HaRole.Master).Select(r => r.Node).ToList();
                if (masters is [var only] && only == node)
                {
                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"new master: {node} (adverts from {heard}), first advert heard {Ms(_time.GetElapsedTime(resigned, heardAt.Value))} after the resign; {node} reports MASTER over sync, no other node does"));
                    return new SwitchoverResult(true, lines);
                }

                outcome = Describe(node, heard, masters, roles);
                unsettledSince ??= _time.GetTimestamp();
                if (_time.GetElapsedTime(unsettledSince.Value) >= SettleTime)
                {
                    return await RecoverAsync(lines, $"{outcome} (for {Ms(SettleTime)})", node, hold).ConfigureAwait(false);
                }
            }

            try
            {
                await Task.Delay(heardAt is null ? AdvertPollPeriod : RolePollPeriod, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        var within = string.Create(CultureInfo.InvariantCulture, $"within {timeout.TotalSeconds:0.###} s");
        return await RecoverAsync(lines, outcome is null ? $"{node} did not become master: no master heard {within}" : $"{outcome} {within}", node, hold)
            .ConfigureAwait(false);
    }

    /// <summary>What the nodes said, when it is not "NODE alone is master".</summary>
    private static string Describe(string node, Appliance.HaAgent.Net.Ipv4Address heard, List<string> masters, IReadOnlyList<ClusterRole> roles)
    {
        var own = roles.FirstOrDefault(r => r.Node == node) is { } report
            ? report.Role is { } role ? $"{node} reports {role.ToString().ToUpperInvariant()}" : $"{node} cannot be asked: {report.Error}"
            : $"{node} is not among the sync nodes";
        return masters switch
        {
            [] => $"{node} did not become master: adverts from {heard} are heard but no node reports MASTER over sync ({own})",
            [var other] => $"{node} did not become master; {other} did (adverts from {heard}; {own})",
            _ => $"{node} is not the only master: {string.Join(", ", masters)} report MASTER (adverts from {heard}; {own})",
        };
    }

    /// <summary>Ends this node's hold so the election runs as configured, and says what that means.</summary>
    private async Task<SwitchoverResult> RecoverAsync(List<string> lines, string failure, string node, TimeSpan? hold)
    {
        lines.Add(failure);
        if (_agent.Role == HaRole.Master)
        {
            return new SwitchoverResult(false, lines);
        }

        var role = await _agent.ReleaseAsync().ConfigureAwait(false);
        var upper = role.ToString().ToUpperInvariant();

        // The switchover's own token may have fired (its --timeout): the release gets its own deadline.
        using var deadline = new CancellationTokenSource(ReleaseTimeout, _time);
        var released = await _cluster.ReleaseTakeoverAsync(node, deadline.Token).ConfigureAwait(false);
        var nodeHold = hold is { } h ? string.Create(CultureInfo.InvariantCulture, $"for {h.TotalSeconds:0.###} s") : "until released";
        var nodePart = released.Accepted
            ? $"{node}'s takeover override ended too ({released.Message})"
            : $"{node} keeps its takeover override (priority {SwitchoverCoordinator.TakeoverPriority} less any tracker penalty) {nodeHold}: " +
              $"ending it failed ({released.Message}); 'appliance failover --release' on {node} ends it";
        lines.Add(
            $"recovery: released this node's hold so the election runs as configured again: this node is {upper} at priority {_agent.Priority} " +
            $"and takes the VIP back if it has the highest priority and preempts, or when no master is heard; {nodePart}");
        return new SwitchoverResult(false, lines);
    }

    private static string Ms(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0.0} ms");
}
