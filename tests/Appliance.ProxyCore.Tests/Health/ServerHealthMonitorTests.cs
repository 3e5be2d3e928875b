using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.Model;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Health;

public sealed class ServerHealthMonitorTests : IAsyncDisposable
{
    private static readonly ProbeResult Pass = ProbeResult.Layer4Passed();
    private static readonly ProbeResult Refused = ProbeResult.Layer4ConnectionProblem("Connection refused");

    private readonly FakeTimeProvider _time = new();
    private readonly DateTimeOffset _t0;
    private readonly List<HealthEvent> _events = [];
    private readonly List<ServerHealthMonitor> _monitors = [];

    public ServerHealthMonitorTests()
    {
        _t0 = _time.GetUtcNow();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var monitor in _monitors)
        {
            await monitor.DisposeAsync();
        }
    }

    private ServerHealthMonitor Start(ServerModel server, IHealthProbe? check, IAgentProbe? agent, double spread = 0, Action<HealthEvent>? onEvent = null)
    {
        var monitor = new ServerHealthMonitor("b", server, check, agent, _time, new FixedRandom(spread), onEvent ?? _events.Add);
        _monitors.Add(monitor);
        monitor.Start();
        return monitor;
    }

    private static ServerModel CheckedServer(int rise = 2, int fall = 3, double fastMs = 500, double downMs = 5000, Configuration.AgentCheckConfig? agent = null) =>
        HealthTestServers.Model(HealthTestServers.Config(
            rise: rise,
            fall: fall,
            fastInter: TimeSpan.FromMilliseconds(fastMs),
            downInter: TimeSpan.FromMilliseconds(downMs),
            agent: agent));

    private static ServerModel AgentOnlyServer() =>
        HealthTestServers.Model(HealthTestServers.Config(check: false, agent: HealthTestServers.Agent()));

    private void Advance(double milliseconds) => _time.Advance(TimeSpan.FromMilliseconds(milliseconds));

    private DateTimeOffset At(double milliseconds) => _t0 + TimeSpan.FromMilliseconds(milliseconds);

    private List<ServerHealthChanged> HealthChanges() => _events.OfType<ServerHealthChanged>().ToList();

    [Fact]
    public void Start_RandomSpread_FirstCheckAtThatFractionOfInter()
    {
        var probe = new FakeHealthProbe(_time);
        Start(CheckedServer(), probe, null, spread: 0.5);

        Advance(999);
        Assert.Empty(probe.RunTimes);
        Advance(1);

        Assert.Equal([At(1000)], probe.RunTimes);
    }

    [Fact]
    public void Check_FallFailuresFromFullyUp_DownAtTheFallthFailure()
    {
        var server = CheckedServer(rise: 2, fall: 3, fastMs: 500, downMs: 5000);
        var probe = new FakeHealthProbe(_time) { Default = Refused }.Then(Pass);
        Start(server, probe, null);

        Advance(0);
        Advance(2000);
        Advance(500);
        Advance(499);
        Assert.Equal(ServerHealth.Up, server.State.Health);
        Advance(1);

        Assert.Equal(ServerHealth.Down, server.State.Health);
        Assert.Equal([At(0), At(2000), At(2500), At(3000)], probe.RunTimes);
        var change = Assert.Single(HealthChanges());
        Assert.Equal(
            new ServerHealthChanged("b", server, At(3000), ServerHealth.Up, ServerHealth.Down, HealthChangeCause.Check, "Layer4 connection problem, info: \"Connection refused\""),
            change);
        Assert.Equal("Server b/s1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\"", change.ToString());
    }

    [Fact]
    public void Check_StablyDown_UsesDownInter()
    {
        var probe = new FakeHealthProbe(_time) { Default = Refused };
        Start(CheckedServer(downMs: 5000), probe, null);

        Advance(0);
        Advance(4999);
        Assert.Single(probe.RunTimes);
        Advance(1);

        Assert.Equal([At(0), At(5000)], probe.RunTimes);
    }

    [Fact]
    public void Check_RiseSuccessesWhileDown_UpAtTheRisethSuccess()
    {
        var server = CheckedServer(rise: 2, fastMs: 500, downMs: 5000);
        var probe = new FakeHealthProbe(_time) { Default = Pass }.Then(Refused);
        Start(server, probe, null);

        Advance(0);
        Assert.Equal(ServerHealth.Down, server.State.Health);
        Advance(5000);
        Assert.Equal(ServerHealth.Down, server.State.Health);
        Advance(500);

        Assert.Equal(ServerHealth.Up, server.State.Health);
        Assert.Equal([At(0), At(5000), At(5500)], probe.RunTimes);
        Assert.Equal(
            [(ServerHealth.Down, At(0)), (ServerHealth.Up, At(5500))],
            HealthChanges().Select(e => (e.To, e.Timestamp)));
        Assert.Equal("Layer4 check passed", HealthChanges()[1].Reason);
    }

    [Fact]
    public void Check_ProbeThrows_CountsAsFailure()
    {
        var server = CheckedServer();
        var probe = new FakeHealthProbe(_time).ThenThrow(new InvalidOperationException("boom"));
        Start(server, probe, null);

        Advance(0);

        Assert.Equal(ServerHealth.Down, server.State.Health);
        Assert.Equal("Socket error, info: \"boom\"", Assert.Single(HealthChanges()).Reason);
    }

    [Fact]
    public void Check_ProbeStillRunning_NextCheckOnlyAfterItEnds()
    {
        var probe = new FakeHealthProbe(_time) { Hold = new TaskCompletionSource<ProbeResult>() };
        var monitor = Start(CheckedServer(), probe, null);
        Advance(0);
        var hold = probe.Hold;
        probe.Hold = null;

        Advance(10_000);
        Assert.Single(probe.RunTimes);
        hold.SetResult(Pass);
        Assert.True(SpinWait.SpinUntil(() => monitor.CheckPhase == CheckPhase.Up, TimeSpan.FromSeconds(5)));
        Advance(1999);
        Assert.Single(probe.RunTimes);
        Advance(1);

        Assert.Equal([At(0), At(12_000)], probe.RunTimes);
    }

    [Fact]
    public void Agent_DrainThenReady_ZeroesThenRestoresEffectiveWeight()
    {
        var server = AgentOnlyServer();
        var agent = new FakeAgentProbe(_time).Says("drain", "ready");
        Start(server, null, agent);

        Advance(0);
        Assert.Equal(0, server.State.EffectiveWeight);
        Assert.Equal(ServerAdminState.Drain, server.State.Admin);
        Assert.False(server.State.IsUsable);
        Advance(2000);

        Assert.Equal(10, server.State.EffectiveWeight);
        Assert.True(server.State.IsUsable);
        Assert.Equal(
            ["admin READY -> DRAIN", "admin DRAIN -> READY"],
            _events.OfType<AgentStateChanged>().Select(e => e.Changes));
    }

    [Fact]
    public void Agent_MaxConnAndPercent_SetLimitAndScaledWeight()
    {
        var server = AgentOnlyServer();
        Start(server, null, new FakeAgentProbe(_time).Says("maxconn:30 50%"));

        Advance(0);

        Assert.Equal(30, server.State.MaxConn);
        Assert.Equal(50, server.State.AgentWeightPercent);
        Assert.Equal(5, server.State.EffectiveWeight);
        Assert.Equal("weight 100% -> 50%, maxconn unset -> 30", Assert.Single(_events.OfType<AgentStateChanged>()).Changes);
    }

    [Fact]
    public void Agent_PercentAboveHundred_RaisesWeightUpTo256()
    {
        var server = AgentOnlyServer();
        Start(server, null, new FakeAgentProbe(_time).Says("150%", "25600%"));

        Advance(0);
        Assert.Equal(15, server.State.EffectiveWeight);
        Advance(2000);

        Assert.Equal(ServerState.MaxWeight, server.State.EffectiveWeight);
    }

    [Fact]
    public void Agent_UpWhileCheckFails_StaysDown()
    {
        var server = CheckedServer(agent: HealthTestServers.Agent());
        var check = new FakeHealthProbe(_time) { Default = Refused };
        var agent = new FakeAgentProbe(_time) { Default = AgentProbeResult.Replied(AgentReplyParser.Parse("up")) };
        var monitor = Start(server, check, agent);

        Advance(0);
        Advance(20_000);

        Assert.Equal(ServerHealth.Down, server.State.Health);
        Assert.True(monitor.AgentSaysUp);
        Assert.True(agent.RunTimes.Count >= 10);
        Assert.Equal(HealthChangeCause.Check, Assert.Single(HealthChanges()).Cause);
    }

    [Fact]
    public void Agent_DownWhileCheckPasses_DownUntilAgentSaysUp()
    {
        var server = CheckedServer(agent: HealthTestServers.Agent());
        var check = new FakeHealthProbe(_time) { Default = Pass };
        var agent = new FakeAgentProbe(_time).Says("down #maintenance window", "up");
        Start(server, check, agent);

        Advance(0);
        Assert.Equal(ServerHealth.Down, server.State.Health);
        Advance(2000);

        Assert.Equal(ServerHealth.Up, server.State.Health);
        Assert.Equal(
            [
                new ServerHealthChanged("b", server, At(0), ServerHealth.Up, ServerHealth.Down, HealthChangeCause.Agent, "Layer7 wrong status, info: \"via agent : down (maintenance window)\""),
                new ServerHealthChanged("b", server, At(2000), ServerHealth.Down, ServerHealth.Up, HealthChangeCause.Agent, "Layer7 check passed, info: \"via agent : up\""),
            ],
            HealthChanges());
    }

    [Fact]
    public void Agent_DownThenCheckRecovers_StaysDownUntilAgentUp()
    {
        var server = CheckedServer(agent: HealthTestServers.Agent(TimeSpan.FromSeconds(10)));
        var check = new FakeHealthProbe(_time) { Default = Pass }.Then(Refused);
        var agent = new FakeAgentProbe(_time).Says("stopped", "up");
        Start(server, check, agent);

        Advance(0);
        Advance(9999);
        Assert.Equal(ServerHealth.Down, server.State.Health);
        Advance(1);

        Assert.Equal(ServerHealth.Up, server.State.Health);
    }

    [Fact]
    public void Agent_NoRegularCheck_AgentDrivesHealth()
    {
        var server = AgentOnlyServer();
        Start(server, null, new FakeAgentProbe(_time).Says("fail", "up"));

        Advance(0);
        Assert.Equal(ServerHealth.Down, server.State.Health);
        Advance(2000);

        Assert.Equal(ServerHealth.Up, server.State.Health);
        Assert.Equal(2, HealthChanges().Count);
    }

    [Fact]
    public void Agent_Unreachable_ChangesNothing()
    {
        var server = AgentOnlyServer();
        var agent = new FakeAgentProbe(_time).Says("50%", "down");
        agent.Default = AgentProbeResult.Unreachable("Layer4 timeout");
        Start(server, null, agent);
        Advance(0);
        Advance(2000);
        var before = _events.Count;

        Advance(60_000);

        Assert.Equal(50, server.State.AgentWeightPercent);
        Assert.Equal(ServerHealth.Down, server.State.Health);
        Assert.True(agent.RunTimes.Count > 20);
        Assert.Equal(before, _events.Count);
    }

    [Fact]
    public void Agent_RepeatedGarbage_RejectedOnceAndChangesNothing()
    {
        var server = AgentOnlyServer();
        var agent = new FakeAgentProbe(_time).Says("bogus", "bogus", "bogus", "ready", "bogus");
        Start(server, null, agent);

        Advance(0);
        Advance(2000);
        Advance(2000);

        var rejected = Assert.Single(_events.OfType<AgentReplyRejected>());
        Assert.StartsWith("agent reports an error : unknown agent word 'bogus'", rejected.Message);
        Assert.Equal(ServerHealth.Up, server.State.Health);
        Assert.Equal(10, server.State.EffectiveWeight);

        Advance(2000);
        Advance(2000);

        Assert.Equal(2, _events.OfType<AgentReplyRejected>().Count());
    }

    [Fact]
    public void Agent_IncompleteLine_RejectedWithHAProxyWording()
    {
        var server = AgentOnlyServer();
        Start(server, null, new FakeAgentProbe(_time).Then(AgentProbeResult.NoUsableReply("Ignoring incomplete line from agent")));

        Advance(0);

        Assert.Equal("Ignoring incomplete line from agent", Assert.Single(_events.OfType<AgentReplyRejected>()).Message);
        Assert.Equal(ServerHealth.Up, server.State.Health);
    }

    [Fact]
    public void Events_CheckAndAgentInterleaved_RaisedInOrderOfChanges()
    {
        var server = HealthTestServers.Model(HealthTestServers.Config(agent: HealthTestServers.Agent(TimeSpan.FromSeconds(3))));
        var check = new FakeHealthProbe(_time) { Default = Refused }.Then(Pass);
        var agent = new FakeAgentProbe(_time).Says("50%", "drain");
        Start(server, check, agent);

        for (var i = 0; i < 7; i++)
        {
            Advance(1000);
        }

        Assert.Equal(
            [
                (typeof(AgentStateChanged), At(0)),
                (typeof(AgentStateChanged), At(3000)),
                (typeof(ServerHealthChanged), At(6000)),
            ],
            _events.Select(e => (e.GetType(), e.Timestamp)));
    }

    [Fact]
    public void Maintenance_ChecksPausedThenResumeFromStartPoint()
    {
        var server = HealthTestServers.Model(HealthTestServers.Config() with { Disabled = true });
        var probe = new FakeHealthProbe(_time) { Default = Refused };
        Start(server, probe, null);
        Assert.Equal(ServerHealth.Down, server.State.Health);

        Advance(0);
        Advance(10_000);
        Assert.Empty(probe.RunTimes);
        server.State.SetOperatorAdmin(ServerAdminState.Ready);
        Advance(2000);

        Assert.Equal([At(12_000)], probe.RunTimes);
        Assert.Equal(
            [(ServerHealth.Up, HealthChangeCause.Maintenance, "leaving maintenance"), (ServerHealth.Down, HealthChangeCause.Check, "Layer4 connection problem, info: \"Connection refused\"")],
            HealthChanges().Select(e => (e.To, e.Cause, e.Reason)));
    }

    [Fact]
    public void Maintenance_AgentKeepsRunningAndCanEndIt()
    {
        var server = CheckedServer(agent: HealthTestServers.Agent(TimeSpan.FromSeconds(1)));
        var probe = new FakeHealthProbe(_time);
        var agent = new FakeAgentProbe(_time).Says("maint", "ready");
        Start(server, probe, agent, spread: 0.5);

        Advance(1000);
        Assert.Equal(ServerAdminState.Maint, server.State.Admin);
        Assert.Empty(probe.RunTimes);
        Advance(500);
        Assert.Equal(ServerAdminState.Ready, server.State.Admin);
        Advance(1499);
        Assert.Empty(probe.RunTimes);
        Advance(1);

        Assert.Equal([At(3000)], probe.RunTimes);
        Assert.Equal([At(500), At(1500), At(2500)], agent.RunTimes);
    }

    [Fact]
    public async Task DisposeAsync_AfterStart_NoMoreChecksOrEvents()
    {
        var probe = new FakeHealthProbe(_time) { Default = Refused }.Then(Pass);
        var monitor = Start(CheckedServer(), probe, null);
        Advance(0);

        await monitor.DisposeAsync();
        Advance(60_000);

        Assert.Single(probe.RunTimes);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task DisposeAsync_ProbeInFlight_CancelsAndWaitsForIt()
    {
        var hold = new TaskCompletionSource<ProbeResult>();
        var server = CheckedServer();
        var probe = new FakeHealthProbe(_time) { Hold = hold };
        var monitor = Start(server, probe, null);
        Advance(0);

        await monitor.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        hold.SetResult(Refused);

        Assert.Equal(ServerHealth.Up, server.State.Health);
        Assert.Empty(_events);
    }

    [Fact]
    public void OnEvent_HandlerThrows_ChecksGoOn()
    {
        var server = CheckedServer(downMs: 2000);
        var probe = new FakeHealthProbe(_time) { Default = Pass }.Then(Refused);
        Start(server, probe, null, onEvent: _ => throw new InvalidOperationException("subscriber bug"));

        Advance(0);
        Advance(2000);
        Advance(500);

        Assert.Equal(3, probe.RunTimes.Count);
        Assert.Equal(ServerHealth.Up, server.State.Health);
    }

    [Fact]
    public void New_NoProbe_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServerHealthMonitor("b", CheckedServer(), null, null, _time, new FixedRandom(0), _ => { }));

        Assert.Equal("server 'b/s1': a monitor needs a check probe, an agent probe or both", error.Message);
    }

    [Fact]
    public void Start_Twice_Throws()
    {
        var monitor = Start(CheckedServer(), new FakeHealthProbe(_time), null);

        Assert.Throws<InvalidOperationException>(monitor.Start);
    }
}
