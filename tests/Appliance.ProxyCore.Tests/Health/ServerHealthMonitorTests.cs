using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.Model;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Health;

/// <summary>The regular check loop, maintenance and lifetime of the monitor, on the fake clock.</summary>
public sealed class ServerHealthMonitorTests : ServerHealthMonitorTestBase
{
    [Fact]
    public void Start_RandomSpread_FirstCheckAtThatFractionOfInter()
    {
        var probe = new FakeHealthProbe(Time);
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
        var probe = new FakeHealthProbe(Time) { Default = Refused }.Then(Pass);
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
        var probe = new FakeHealthProbe(Time) { Default = Refused };
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
        var probe = new FakeHealthProbe(Time) { Default = Pass }.Then(Refused);
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
        var probe = new FakeHealthProbe(Time).ThenThrow(new InvalidOperationException("boom"));
        Start(server, probe, null);

        Advance(0);

        Assert.Equal(ServerHealth.Down, server.State.Health);
        Assert.Equal("Socket error, info: \"boom\"", Assert.Single(HealthChanges()).Reason);
    }

    [Fact]
    public void Check_ProbeStillRunning_NextCheckOnlyAfterItEnds()
    {
        var probe = new FakeHealthProbe(Time) { Hold = new TaskCompletionSource<ProbeResult>() };
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
    public void Maintenance_ChecksPausedThenResumeFromStartPoint()
    {
        var server = HealthTestServers.Model(HealthTestServers.Config() with { Disabled = true });
        var probe = new FakeHealthProbe(Time) { Default = Refused };
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
        var probe = new FakeHealthProbe(Time);
        var agent = new FakeAgentProbe(Time).Says("maint", "ready");
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
        var probe = new FakeHealthProbe(Time) { Default = Refused }.Then(Pass);
        var monitor = Start(CheckedServer(), probe, null);
        Advance(0);

        await monitor.DisposeAsync();
        Advance(60_000);

        Assert.Single(probe.RunTimes);
        Assert.Empty(Events);
    }

    [Fact]
    public async Task DisposeAsync_ProbeInFlight_CancelsAndWaitsForIt()
    {
        var hold = new TaskCompletionSource<ProbeResult>();
        var server = CheckedServer();
        var probe = new FakeHealthProbe(Time) { Hold = hold };
        var monitor = Start(server, probe, null);
        Advance(0);

        await monitor.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        hold.SetResult(Refused);

        Assert.Equal(ServerHealth.Up, server.State.Health);
        Assert.Empty(Events);
    }

    [Fact]
    public void OnEvent_HandlerThrows_ChecksGoOn()
    {
        var server = CheckedServer(downMs: 2000);
        var probe = new FakeHealthProbe(Time) { Default = Pass }.Then(Refused);
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
        var error = Assert.Throws<ArgumentException>(() => new ServerHealthMonitor("b", CheckedServer(), null, null, Time, new FixedRandom(0), _ => { }));

        Assert.Equal("server 'b/s1': a monitor needs a check probe, an agent probe or both", error.Message);
    }

    [Fact]
    public void Start_Twice_Throws()
    {
        var monitor = Start(CheckedServer(), new FakeHealthProbe(Time), null);

        Assert.Throws<InvalidOperationException>(monitor.Start);
    }
}
