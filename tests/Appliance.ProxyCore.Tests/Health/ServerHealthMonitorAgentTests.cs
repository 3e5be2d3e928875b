using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Tests.Health;

/// <summary>The agent loop of the monitor and how it combines with the regular check, on the fake clock.</summary>
public sealed class ServerHealthMonitorAgentTests : ServerHealthMonitorTestBase
{
    [Fact]
    public void Agent_DrainThenReady_ZeroesThenRestoresEffectiveWeight()
    {
        var server = AgentOnlyServer();
        var agent = new FakeAgentProbe(Time).Says("drain", "ready");
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
            Events.OfType<AgentStateChanged>().Select(e => e.Changes));
    }

    [Fact]
    public void Agent_MaxConnAndPercent_SetLimitAndScaledWeight()
    {
        var server = AgentOnlyServer();
        Start(server, null, new FakeAgentProbe(Time).Says("maxconn:30 50%"));

        Advance(0);

        Assert.Equal(30, server.State.MaxConn);
        Assert.Equal(50, server.State.AgentWeightPercent);
        Assert.Equal(5, server.State.EffectiveWeight);
        Assert.Equal("weight 100% -> 50%, maxconn unset -> 30", Assert.Single(Events.OfType<AgentStateChanged>()).Changes);
    }

    [Fact]
    public void Agent_PercentAboveHundred_RaisesWeightUpTo256()
    {
        var server = AgentOnlyServer();
        Start(server, null, new FakeAgentProbe(Time).Says("150%", "25600%"));

        Advance(0);
        Assert.Equal(15, server.State.EffectiveWeight);
        Advance(2000);

        Assert.Equal(ServerState.MaxWeight, server.State.EffectiveWeight);
    }

    [Fact]
    public void Agent_UpWhileCheckFails_StaysDown()
    {
        var server = CheckedServer(agent: HealthTestServers.Agent());
        var check = new FakeHealthProbe(Time) { Default = Refused };
        var agent = new FakeAgentProbe(Time) { Default = AgentProbeResult.Replied(AgentReplyParser.Parse("up")) };
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
        var check = new FakeHealthProbe(Time) { Default = Pass };
        var agent = new FakeAgentProbe(Time).Says("down #maintenance window", "up");
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
        var check = new FakeHealthProbe(Time) { Default = Pass }.Then(Refused);
        var agent = new FakeAgentProbe(Time).Says("stopped", "up");
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
        Start(server, null, new FakeAgentProbe(Time).Says("fail", "up"));

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
        var agent = new FakeAgentProbe(Time).Says("50%", "down");
        agent.Default = AgentProbeResult.Unreachable("Layer4 timeout");
        Start(server, null, agent);
        Advance(0);
        Advance(2000);
        var before = Events.Count;

        Advance(60_000);

        Assert.Equal(50, server.State.AgentWeightPercent);
        Assert.Equal(ServerHealth.Down, server.State.Health);
        Assert.True(agent.RunTimes.Count > 20);
        Assert.Equal(before, Events.Count);
    }

    [Fact]
    public void Agent_RepeatedGarbage_RejectedOnceAndChangesNothing()
    {
        var server = AgentOnlyServer();
        var agent = new FakeAgentProbe(Time).Says("bogus", "bogus", "bogus", "ready", "bogus");
        Start(server, null, agent);

        Advance(0);
        Advance(2000);
        Advance(2000);

        var rejected = Assert.Single(Events.OfType<AgentReplyRejected>());
        Assert.StartsWith("agent reports an error : unknown agent word 'bogus'", rejected.Message);
        Assert.Equal(ServerHealth.Up, server.State.Health);
        Assert.Equal(10, server.State.EffectiveWeight);

        Advance(2000);
        Advance(2000);

        Assert.Equal(2, Events.OfType<AgentReplyRejected>().Count());
    }

    [Fact]
    public void Agent_IncompleteLine_RejectedWithHAProxyWording()
    {
        var server = AgentOnlyServer();
        Start(server, null, new FakeAgentProbe(Time).Then(AgentProbeResult.NoUsableReply("Ignoring incomplete line from agent")));

        Advance(0);

        Assert.Equal("Ignoring incomplete line from agent", Assert.Single(Events.OfType<AgentReplyRejected>()).Message);
        Assert.Equal(ServerHealth.Up, server.State.Health);
    }

    [Fact]
    public void Events_CheckAndAgentInterleaved_RaisedInOrderOfChanges()
    {
        var server = HealthTestServers.Model(HealthTestServers.Config(agent: HealthTestServers.Agent(TimeSpan.FromSeconds(3))));
        var check = new FakeHealthProbe(Time) { Default = Refused }.Then(Pass);
        var agent = new FakeAgentProbe(Time).Says("50%", "drain");
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
            Events.Select(e => (e.GetType(), e.Timestamp)));
    }
}
