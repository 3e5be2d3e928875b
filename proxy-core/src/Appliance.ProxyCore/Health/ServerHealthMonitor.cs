using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>
/// Watches one server: a regular check loop (rise/fall through <see cref="CheckStateMachine"/>) and, independently, an
/// agent loop, both on one-shot timers of the injected <see cref="TimeProvider"/>; their results go to
/// <see cref="ServerModel.State"/>.
/// </summary>
/// <remarks>
/// <para>
/// The server is UP when the regular check (if any) is UP and the agent (if any) last said anything but down/fail/stopped:
/// HAProxy's rule that an agent's <c>up</c> only counts "if health checks also report that the service is accessible"
/// (configuration manual, agent-check; verified against HAProxy 2.6). Agent words act at once, as HAProxy's agent
/// rise/fall default to 1. An unreachable agent changes nothing.
/// </para>
/// <para>
/// While the server is in maintenance the regular check pauses, as in HAProxy; on leaving it the counter restarts at
/// "up, down at the first failure" and the server is probed at once. The agent keeps running so it can say <c>ready</c>.
/// </para>
/// <para>
/// The next check is scheduled when the previous one ends, so checks never overlap. All state changes and events happen
/// under one lock, so events come out in the order the changes were made. Event handlers run under that lock: they must
/// be quick and must not dispose the monitor.
/// </para>
/// </remarks>
public sealed class ServerHealthMonitor : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly IHealthProbe? _checkProbe;
    private readonly IAgentProbe? _agentProbe;
    private readonly CheckStateMachine? _machine;
    private readonly CheckIntervals _intervals;
    private readonly TimeSpan _agentInterval;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Action<HealthEvent> _onEvent;
    private readonly CancellationTokenSource _stop = new();
    private ITimer? _checkTimer;
    private ITimer? _agentTimer;
    private Task _checkRun = Task.CompletedTask;
    private Task _agentRun = Task.CompletedTask;
    private bool _started;
    private bool _disposed;
    private bool _agentSaysUp = true;
    private bool _pausedForMaintenance;
    private string? _lastRejection;

    /// <param name="backend">The backend's name, for events.</param>
    /// <param name="server">The server whose state the monitor maintains.</param>
    /// <param name="checkProbe">The regular check; <c>null</c> when the server has no <c>check</c>.</param>
    /// <param name="agentProbe">The agent; <c>null</c> when the server has no <c>agent-check</c>.</param>
    /// <param name="timeProvider">The clock for schedules and timestamps.</param>
    /// <param name="random">Spreads the first checks over one interval so servers are not all probed at once.</param>
    /// <param name="onEvent">Receives every event; exceptions it throws are swallowed so checking goes on.</param>
    public ServerHealthMonitor(
        string backend,
        ServerModel server,
        IHealthProbe? checkProbe,
        IAgentProbe? agentProbe,
        TimeProvider timeProvider,
        Random random,
        Action<HealthEvent> onEvent)
    {
        if (checkProbe is null && agentProbe is null)
        {
            throw new ArgumentException($"server '{backend}/{server.Name}': a monitor needs a check probe, an agent probe or both");
        }

        Backend = backend;
        Server = server;
        _checkProbe = checkProbe;
        _agentProbe = agentProbe;
        _time = timeProvider;
        _random = random;
        _onEvent = onEvent;
        _intervals = CheckIntervals.For(server.Config);
        _machine = checkProbe is null ? null : new CheckStateMachine(server.Config.Rise, server.Config.Fall, _intervals);

        // HAProxy's agent-inter defaults to 2 s, like inter.
        _agentInterval = server.Config.Agent?.Interval is { } agentInter && agentInter > TimeSpan.Zero ? agentInter : TimeSpan.FromSeconds(2);
    }

    public string Backend { get; }

    /// <summary>Starts the check state machine from the server's current health (see <see cref="HealthCheckServiceOptions.ResumeFromState"/>).</summary>
    public void ResumeFromCurrentState() => _machine?.ResumeFrom(Server.State.Health);

    public ServerModel Server { get; }

    /// <summary>The regular check's phase; <c>null</c> when the server has no regular check.</summary>
    public CheckPhase? CheckPhase
    {
        get
        {
            lock (_gate)
            {
                return _machine?.Phase;
            }
        }
    }

    /// <summary>False after the agent said down, fail or stopped, until it says up; true when there is no agent.</summary>
    public bool AgentSaysUp
    {
        get
        {
            lock (_gate)
            {
                return _agentSaysUp;
            }
        }
    }

    /// <summary>Schedules the first check and the first agent exchange, each at a random point within one interval.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException($"The health monitor of '{Backend}/{Server.Name}' is already started.");
            }

            _started = true;
            if (_checkProbe is not null)
            {
                _checkTimer = _time.CreateTimer(static s => ((ServerHealthMonitor)s!).OnCheckTimer(), this, Spread(_intervals.Inter), Timeout.InfiniteTimeSpan);
            }

            if (_agentProbe is not null)
            {
                _agentTimer = _time.CreateTimer(static s => ((ServerHealthMonitor)s!).OnAgentTimer(), this, Spread(_agentInterval), Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Stops both loops and waits for a probe in flight to end; no event is raised after it returns.</summary>
    public async ValueTask DisposeAsync()
    {
        Task check;
        Task agent;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _checkTimer?.Dispose();
            _agentTimer?.Dispose();
            check = _checkRun;
            agent = _agentRun;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(check, agent).ConfigureAwait(false);
        _stop.Dispose();
    }

    private TimeSpan Spread(TimeSpan interval) => TimeSpan.FromTicks((long)(_random.NextDouble() * interval.Ticks));

    private void OnCheckTimer()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                // Started under the lock so DisposeAsync always sees the run it must wait for.
                _checkRun = RunCheckAsync();
            }
        }
    }

    private void OnAgentTimer()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _agentRun = RunAgentAsync();
            }
        }
    }

    /// <summary>Runs synchronously under the lock up to the probe's first pending await.</summary>
    private async Task RunCheckAsync()
    {
        if (Server.State.Admin == ServerAdminState.Maint)
        {
            _pausedForMaintenance = true;
            _checkTimer!.Change(_intervals.Inter, Timeout.InfiniteTimeSpan);
            return;
        }

        if (_pausedForMaintenance)
        {
            // HAProxy: "start OK but check immediately" (src/server.c, leaving maintenance).
            _pausedForMaintenance = false;
            _machine!.Reset();
            Server.Checks.ResetHealth(_machine.Health);
            Reconcile(HealthChangeCause.Maintenance, "leaving maintenance");
        }

        ProbeResult result;
        var started = _time.GetTimestamp();
        try
        {
            result = await _checkProbe!.RunAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // Probes report failures as results; an exception is a probe defect, which must not end the loop.
            result = ProbeResult.SocketError(ex.Message);
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var decision = _machine!.Record(result);
            Server.Checks.RecordCheck(result.ToReport(_time.GetElapsedTime(started)), result.Passed, _machine.Health);
            Reconcile(HealthChangeCause.Check, decision.Reason);
            _checkTimer!.Change(decision.NextInterval, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task RunAgentAsync()
    {
        AgentProbeResult result;
        var started = _time.GetTimestamp();
        try
        {
            result = await _agentProbe!.RunAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            result = AgentProbeResult.NoUsableReply(ex.Message);
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Server.Checks.RecordAgent(AgentReport(result, _time.GetElapsedTime(started)));
            ApplyAgent(result);
            _agentTimer!.Change(_agentInterval, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>HAProxy's order (src/tcpcheck.c): admin state first, then weight, then maxconn, then health.</summary>
    private void ApplyAgent(AgentProbeResult result)
    {
        if (result.Outcome == AgentProbeOutcome.Unreachable)
        {
            // "Failure to connect to the agent is not considered an error" (configuration manual, agent-check).
            return;
        }

        if (result.Outcome == AgentProbeOutcome.NoUsableReply || result.Reply is null)
        {
            Reject(result.Info ?? "no usable reply from agent");
            return;
        }

        var reply = result.Reply;
        var state = Server.State;
        var changes = new List<string>(3);
        if (reply.Admin is { } admin && admin != state.AgentAdmin)
        {
            changes.Add($"admin {AdminWord(state.AgentAdmin)} -> {AdminWord(admin)}");
            state.SetAgentAdmin(admin);
        }

        if (reply.WeightPercent is { } weight && weight != state.AgentWeightPercent)
        {
            changes.Add($"weight {state.AgentWeightPercent}% -> {weight}%");
            state.SetAgentWeightPercent(weight);
        }

        if (reply.MaxConn is { } maxConn && maxConn != state.AgentMaxConn)
        {
            changes.Add($"maxconn {(state.AgentMaxConn < 0 ? "unset" : state.AgentMaxConn)} -> {maxConn}");
            state.SetAgentMaxConn(maxConn);
        }

        if (changes.Count > 0)
        {
            Emit(new AgentStateChanged(Backend, Server, _time.GetUtcNow(), reply, string.Join(", ", changes)));
        }

        if (reply.Error is { } error)
        {
            Reject($"agent reports an error : {error}");
        }
        else
        {
            _lastRejection = null;
        }

        if (reply.Health is { } health)
        {
            _agentSaysUp = health == AgentHealthReport.Up;
            Server.Checks.SetAgentSaysDown(!_agentSaysUp);
            Reconcile(HealthChangeCause.Agent, AgentReason(reply, health));
        }
    }

    /// <summary>Brings the server's health in line with the check and the agent; raises an event when it changes.</summary>
    private void Reconcile(HealthChangeCause cause, string reason)
    {
        var checkUp = _machine is null || _machine.State == ServerHealth.Up;
        var desired = checkUp && _agentSaysUp ? ServerHealth.Up : ServerHealth.Down;
        if (Server.State.SetHealth(desired, _time.GetTimestamp()))
        {
            var from = desired == ServerHealth.Up ? ServerHealth.Down : ServerHealth.Up;
            Emit(new ServerHealthChanged(Backend, Server, _time.GetUtcNow(), from, desired, cause, reason));
        }
    }

    private void Reject(string message)
    {
        if (message == _lastRejection)
        {
            return;
        }

        _lastRejection = message;
        Emit(new AgentReplyRejected(Backend, Server, _time.GetUtcNow(), message));
    }

    private void Emit(HealthEvent healthEvent)
    {
        try
        {
            _onEvent(healthEvent);
        }
        catch (Exception)
        {
            // A failing subscriber must not stop health checking; HealthCheckService logs such failures before this point.
        }
    }

    /// <summary>An agent exchange as the stats page reports it: L7OK with the reply, L4CON when unreachable, L7RSP when unusable.</summary>
    private static CheckReport AgentReport(AgentProbeResult result, TimeSpan duration) => result.Outcome switch
    {
        AgentProbeOutcome.Replied => new CheckReport("L7OK", null, result.Reply?.Description, ProbeResult.StatusText(CheckStatus.Layer7Passed), duration),
        AgentProbeOutcome.Unreachable => new CheckReport("L4CON", null, result.Info, ProbeResult.StatusText(CheckStatus.Layer4ConnectionProblem), duration),
        _ => new CheckReport("L7RSP", null, result.Info, ProbeResult.StatusText(CheckStatus.Layer7InvalidResponse), duration),
    };

    /// <summary>HAProxy's text: <c>Layer7 wrong status, info: "via agent : down (description)"</c>.</summary>
    private static string AgentReason(AgentReply reply, AgentHealthReport health)
    {
        var word = health.ToString().ToLowerInvariant();
        var info = reply.Description is { } description ? $"via agent : {word} ({description})" : $"via agent : {word}";
        var status = health == AgentHealthReport.Up ? CheckStatus.Layer7Passed : CheckStatus.Layer7WrongStatus;
        return new ProbeResult(status, null, info.Replace('"', '\'')).Describe();
    }

    private static string AdminWord(ServerAdminState admin) => admin.ToString().ToUpperInvariant();
}
