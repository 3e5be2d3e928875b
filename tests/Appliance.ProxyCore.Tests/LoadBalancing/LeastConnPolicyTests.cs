using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Model;
using static Appliance.ProxyCore.Tests.LoadBalancing.TestServers;

namespace Appliance.ProxyCore.Tests.LoadBalancing;

public class LeastConnPolicyTests
{
    private static readonly LeastConnPolicy s_policy = new();

    /// <summary>Selects and reserves a slot, as the forwarder does, without releasing it.</summary>
    private static ServerModel PickAndAcquire(ServerSelector selector)
    {
        var selection = selector.Select(default);
        Assert.True(selection.IsPicked);
        Assert.True(selection.Server.State.TryAcquireSlot());
        return selection.Server;
    }

    [Fact]
    public void Pick_NoConnections_TiesGoRoundRobin()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1));

        Assert.Equal([3334, 3333, 3333], Count(selector, 10_000));
    }

    [Fact]
    public void Pick_AcquiredSlots_SpreadEvenly()
    {
        var servers = WithWeights(1, 1, 1);
        var selector = Selector(s_policy, servers);

        for (var i = 0; i < 9_999; i++)
        {
            PickAndAcquire(selector);
        }

        Assert.All(servers, s => Assert.Equal(3333, s.State.ActiveConnections));
    }

    [Fact]
    public void Pick_OneServerReleases_ItGetsTheNextConnections()
    {
        var servers = WithWeights(1, 1, 1);
        var selector = Selector(s_policy, servers);
        for (var i = 0; i < 30; i++)
        {
            PickAndAcquire(selector);
        }

        for (var i = 0; i < 5; i++)
        {
            servers[1].State.ReleaseSlot();
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Same(servers[1], PickAndAcquire(selector));
        }
    }

    [Fact]
    public void Pick_Weights123_ConnectionsProportionalToWeight()
    {
        var servers = WithWeights(1, 2, 3);
        var selector = Selector(s_policy, servers);

        for (var i = 0; i < 6000; i++)
        {
            PickAndAcquire(selector);
        }

        Assert.Equal([1000, 2000, 3000], servers.Select(s => s.State.ActiveConnections));
    }

    [Fact]
    public void Pick_IdleServers_PrefersHeavierWeight()
    {
        var servers = WithWeights(1, 4);
        var selector = Selector(s_policy, servers);

        Assert.Same(servers[1], selector.Select(default).Server);
    }

    [Fact]
    public void Pick_AgentWeightChange_ShiftsNewConnections()
    {
        var servers = WithWeights(100, 100);
        var selector = Selector(s_policy, servers);
        servers[0].State.SetAgentWeightPercent(25);

        for (var i = 0; i < 5000; i++)
        {
            PickAndAcquire(selector);
        }

        Assert.Equal([1000, 4000], servers.Select(s => s.State.ActiveConnections));
    }

    [Fact]
    public void Pick_ServerGoesDown_OthersTakeAll()
    {
        var servers = WithWeights(1, 1, 1);
        var selector = Selector(s_policy, servers);
        SetDown(servers[0]);

        for (var i = 0; i < 1000; i++)
        {
            PickAndAcquire(selector);
        }

        Assert.Equal([0, 500, 500], servers.Select(s => s.State.ActiveConnections));
    }

    [Fact]
    public void Pick_DrainedServer_GetsNoPicks()
    {
        var servers = WithWeights(1, 1);
        var selector = Selector(s_policy, servers);
        servers[0].State.SetAgentAdmin(ServerAdminState.Drain);

        Assert.Equal([0, 1000], Count(selector, 1000));
    }
}
