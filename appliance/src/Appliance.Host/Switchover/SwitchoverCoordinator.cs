using System.Globalization;
using Appliance.Contracts;

namespace Appliance.Host.Switchover;

/// <summary>
/// <c>appliance failover [--to NODE] [--timeout T] [--hold T]</c> on the master (docs/operations.md "Planned switchover"):
/// wait for replication lag 0 (<see cref="Drain"/>), ask NODE to take over (<see cref="Takeover"/>), then resign: the
/// priority-0 advert makes the backups take over after Skew_Time (RFC 5798 §6.4.2) and this node stays backup while held.
/// With NODE, <see cref="TakeoverConfirmation"/> then checks over the sync service that NODE, and no other node, is master;
/// if not, the switchover fails and this node's hold is released. Every step that fails before the resignation leaves
/// the node master with nothing changed. One switchover at a time.
/// </summary>
internal sealed class SwitchoverCoordinator
{
    /// <summary>
    /// The priority a takeover target runs at: 254, the highest below address ownership (RFC 5798 §5.2.4), so its
    /// Skew_Time is 0 and it wins the election the resignation starts against any other backup.
    /// </summary>
    public const byte TakeoverPriority = 254;

    // How often the wait for the new master looks at the driver's view; the driver updates it on every advert.
    private static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(5);

    private readonly Func<ISwitchoverAgent?> _agent;
    private readonly TimeProvider _time;
    private int _running;

    public SwitchoverCoordinator(Func<ISwitchoverAgent?> agent, TimeProvider time)
    {
        _agent = agent;
        _time = time;
    }

    /// <summary>The sync service's drain; null while no sync service runs (set by the sync wiring).</summary>
    public IReplicationDrain? Drain { get; set; }

    /// <summary>The sync service's Takeover RPC client; null while no sync service runs (set by the sync wiring).</summary>
    public ITakeoverRequester? Takeover { get; set; }

    /// <summary>Runs one planned switchover on this node.</summary>
    public async Task<SwitchoverResult> FailoverAsync(SwitchoverRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            return new SwitchoverResult(false, ["a switchover is already running on this node"]);
        }

        try
        {
            using var timeout = new CancellationTokenSource(request.Timeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            return await RunAsync(request, linked.Token).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// A part of this node died (the sync service): a master resigns (priority-0 advert) and every started role is held,
    /// so a healthy peer serves instead of a half-alive node; a held node still takes over when nobody else is master,
    /// so the VIP is never left unowned. False when there is no agent.
    /// </summary>
    public async Task<bool> GiveUpAsync()
    {
        if (_agent() is not { } agent)
        {
            return false;
        }

        await agent.ResignAsync(null).ConfigureAwait(false);
        return true;
    }

    /// <summary><c>appliance failover --release</c>: ends this node's hold and priority override.</summary>
    public async Task<SwitchoverResult> ReleaseAsync()
    {
        if (_agent() is not { } agent)
        {
            return new SwitchoverResult(false, [NoHaSection]);
        }

        var role = await agent.ReleaseAsync().ConfigureAwait(false);
        return new SwitchoverResult(true, [$"released: no hold, no priority override; {Upper(role)} at priority {agent.Priority}"]);
    }

    /// <summary>
    /// The receiving side of a takeover request (the sync service's Takeover RPC handler calls this): a backup runs at
    /// <see cref="TakeoverPriority"/> for <paramref name="hold"/> (null = until released) so it wins when the master resigns.
    /// </summary>
    public async Task<TakeoverReply> AcceptTakeoverAsync(TimeSpan? hold)
    {
        if (_agent() is not { } agent)
        {
            return new TakeoverReply(false, NoHaSection);
        }

        if (agent.Role == HaRole.Master)
        {
            return new TakeoverReply(true, "already master");
        }

        if (agent.Role != HaRole.Backup)
        {
            return new TakeoverReply(false, $"the ha-agent is {Upper(agent.Role)}, not BACKUP");
        }

        await agent.OverridePriorityAsync(TakeoverPriority, hold).ConfigureAwait(false);
        return new TakeoverReply(true, $"backup now at priority {agent.Priority} {HoldText(hold)}");
    }

    private async Task<SwitchoverResult> RunAsync(SwitchoverRequest request, CancellationToken token)
    {
        if (_agent() is not { } agent)
        {
            return new SwitchoverResult(false, [NoHaSection]);
        }

        if (agent.Role != HaRole.Master)
        {
            var master = agent.MasterAddress is { } address ? $" (the master is {address})" : string.Empty;
            return new SwitchoverResult(false, [$"this node is {Upper(agent.Role)}{master}: run 'appliance failover' on the master"]);
        }

        var started = _time.GetTimestamp();
        var lines = new List<string>();
        if (await DrainAsync(request, lines, token).ConfigureAwait(false) is { } drainFailure)
        {
            return SwitchoverResult.Failed(lines, drainFailure);
        }

        if (request.ToNode is { } node)
        {
            if (Takeover is not { } takeover)
            {
                return SwitchoverResult.Failed(lines,
                    $"--to {node}: no sync service runs on this node, so {node} cannot be asked to take over: still master, nothing changed");
            }

            var reply = await AskAsync(takeover, node, request.Hold, token).ConfigureAwait(false);
            if (!reply.Accepted)
            {
                return SwitchoverResult.Failed(lines, $"--to {node}: {reply.Message}: still master, nothing changed");
            }

            lines.Add($"takeover: {node}: {reply.Message}");
        }

        var resigning = _time.GetTimestamp();
        var role = await agent.ResignAsync(request.Hold).ConfigureAwait(false);
        var toBackup = _time.GetElapsedTime(resigning);
        if (role != HaRole.Backup)
        {
            return SwitchoverResult.Failed(lines, $"resign: the node is {Upper(role)} after resigning");
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"resigned: priority-0 advert sent, VIPs kept until the new master is heard; BACKUP {Ms(toBackup)} after the resign, {Ms(_time.GetElapsedTime(started))} after the command"));
        lines.Add($"hold: no preemption {HoldText(request.Hold)} (end it with 'appliance failover --release')");
        return request.ToNode is { } target && Takeover is { } cluster
            ? await new TakeoverConfirmation(agent, cluster, _time).ConfirmAsync(target, request.Hold, request.Timeout, resigning, lines, token).ConfigureAwait(false)
            : await WaitForNewMasterAsync(agent, resigning, lines, token).ConfigureAwait(false);
    }

    private async Task<string?> DrainAsync(SwitchoverRequest request, List<string> lines, CancellationToken token)
    {
        if (Drain is not { PeerCount: > 0 } drain)
        {
            lines.Add("drain: no sync peers: nothing to drain");
            return null;
        }

        var started = _time.GetTimestamp();
        bool drained;
        try
        {
            drained = await drain.WaitForZeroLagAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            drained = false;
        }

        if (!drained)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"drain: replication lag to {drain.PeerCount} sync peer(s) did not reach 0 within {request.Timeout.TotalSeconds:0.###} s: still master, nothing changed");
        }

        lines.Add($"drain: {drain.PeerCount} sync peer(s) at lag 0 after {Ms(_time.GetElapsedTime(started))}");
        return null;
    }

    private static async Task<TakeoverReply> AskAsync(ITakeoverRequester takeover, string node, TimeSpan? hold, CancellationToken token)
    {
        try
        {
            return await takeover.RequestTakeoverAsync(node, hold, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return new TakeoverReply(false, "no answer within the timeout");
        }
    }

    private async Task<SwitchoverResult> WaitForNewMasterAsync(ISwitchoverAgent agent, long resigned, List<string> lines, CancellationToken token)
    {
        while (true)
        {
            if (agent.MasterAddress is { } master)
            {
                lines.Add($"new master: {master}, first advert heard {Ms(_time.GetElapsedTime(resigned))} after the resign");
                return new SwitchoverResult(true, lines);
            }

            if (agent.Role == HaRole.Master)
            {
                return SwitchoverResult.Failed(lines,
                    $"no backup took over: this node is MASTER again after Master_Down_Interval ({Ms(_time.GetElapsedTime(resigned))} after the resign)");
            }

            try
            {
                await Task.Delay(PollPeriod, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return SwitchoverResult.Failed(lines, "no new master heard within the timeout; this node is BACKUP and takes over if none appears");
            }
        }
    }

    private const string NoHaSection = "no ha section on this node: there is no virtual address to move";

    private static string HoldText(TimeSpan? hold) =>
        hold is { } h ? string.Create(CultureInfo.InvariantCulture, $"for {h.TotalSeconds:0.###} s") : "until released";

    private static string Upper(HaRole role) => role.ToString().ToUpperInvariant();

    private static string Ms(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0.0} ms");
}
