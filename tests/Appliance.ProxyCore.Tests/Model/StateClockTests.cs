using Appliance.ProxyCore.Model;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Model;

public class StateClockTests
{
    [Fact]
    public void Downtime_SumsDownPeriodsIncludingTheCurrentOne()
    {
        var time = new FakeTimeProvider();
        var clock = new StateClock(time);
        time.Advance(TimeSpan.FromSeconds(10));
        clock.SetDown(true);
        time.Advance(TimeSpan.FromSeconds(4));
        clock.SetDown(false);
        time.Advance(TimeSpan.FromSeconds(5));
        clock.SetDown(true);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(6), clock.Downtime());
        Assert.Equal(2, clock.DownTransitions);
        Assert.Equal(TimeSpan.FromSeconds(2), clock.SinceLastChange());
    }

    [Fact]
    public void SetDown_SameState_NoChange()
    {
        var time = new FakeTimeProvider();
        var clock = new StateClock(time);
        time.Advance(TimeSpan.FromSeconds(7));

        clock.SetDown(false);

        Assert.Equal(TimeSpan.FromSeconds(7), clock.SinceLastChange());
        Assert.Equal(0, clock.DownTransitions);
    }

    [Fact]
    public void ServerState_DrainMovesLastChangeOnly_MaintCountsAsDown()
    {
        var time = new FakeTimeProvider();
        var state = new ServerState(1, 0, startsUp: true, time);
        time.Advance(TimeSpan.FromSeconds(3));

        state.SetOperatorAdmin(ServerAdminState.Drain);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((TimeSpan.FromSeconds(1), 0L), (state.Clock.SinceLastChange(), state.Clock.DownTransitions));

        state.SetOperatorAdmin(ServerAdminState.Maint);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal((TimeSpan.FromSeconds(2), 1L), (state.Clock.Downtime(), state.Clock.DownTransitions));
    }

    [Fact]
    public void BackendClock_DownWhileNoServerUsable()
    {
        var time = new FakeTimeProvider();
        var config = new Appliance.ProxyCore.Configuration.ProxyConfig
        {
            Name = "be",
            Kind = Appliance.ProxyCore.Configuration.ProxyKind.Backend,
            Location = new("t.cfg", 1),
            Servers = [Tests.LoadBalancing.TestServers.Config("a")],
        };
        var backend = new BackendModel(config, Appliance.ProxyCore.LoadBalancing.LoadBalancingPolicyRegistry.Default, time);

        backend.Servers[0].State.SetHealth(ServerHealth.Down, 0);
        time.Advance(TimeSpan.FromSeconds(9));
        backend.Servers[0].State.SetHealth(ServerHealth.Up, 0);

        Assert.Equal((TimeSpan.FromSeconds(9), 1L, false), (backend.Clock.Downtime(), backend.Clock.DownTransitions, backend.Clock.IsDown));
    }
}
