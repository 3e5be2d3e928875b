using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Model;
using static Appliance.ProxyCore.Tests.LoadBalancing.TestServers;

namespace Appliance.ProxyCore.Tests.LoadBalancing;

public class FirstPolicyTests
{
    private static readonly FirstPolicy s_policy = new();

    private static ServerModel[] ThreeWithMaxConn(int maxConn) =>
        Build(Config("s0", maxConn: maxConn), Config("s1", maxConn: maxConn), Config("s2", maxConn: maxConn));

    private static string PickAndAcquire(ServerSelector selector)
    {
        var selection = selector.Select(default);
        if (!selection.IsPicked)
        {
            return selection.Outcome.ToString();
        }

        Assert.True(selection.Server.State.TryAcquireSlot());
        return selection.Server.Name;
    }

    [Fact]
    public void Pick_MaxConn_FillsServersInOrderThenAllFull()
    {
        var selector = Selector(s_policy, ThreeWithMaxConn(2));

        var picks = Enumerable.Range(0, 7).Select(_ => PickAndAcquire(selector));

        Assert.Equal("s0 s0 s1 s1 s2 s2 AllFull", string.Join(' ', picks));
    }

    [Fact]
    public void Pick_FirstServerFreesSlot_ItIsUsedAgain()
    {
        var servers = ThreeWithMaxConn(2);
        var selector = Selector(s_policy, servers);
        for (var i = 0; i < 5; i++)
        {
            PickAndAcquire(selector);
        }

        servers[0].State.ReleaseSlot();

        Assert.Equal("s0 s2 AllFull", $"{PickAndAcquire(selector)} {PickAndAcquire(selector)} {PickAndAcquire(selector)}");
    }

    [Fact]
    public void Pick_NoMaxConn_AlwaysFirstServer()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1));

        Assert.Equal([10_000, 0, 0], Count(selector, 10_000));
    }

    [Fact]
    public void Pick_WeightsAndAgentWeight_Ignored()
    {
        var servers = WithWeights(1, 200);
        var selector = Selector(s_policy, servers);
        servers[0].State.SetAgentWeightPercent(10);

        Assert.Equal([1000, 0], Count(selector, 1000));
    }

    [Fact]
    public void Pick_FirstServerDown_NextOneInOrder()
    {
        var servers = WithWeights(1, 1, 1);
        var selector = Selector(s_policy, servers);
        SetDown(servers[0]);

        Assert.Equal([0, 1000, 0], Count(selector, 1000));
    }

    [Fact]
    public void Pick_CandidatesOutOfOrder_LowestIndexWins()
    {
        var servers = WithWeights(1, 1, 1);
        var balancer = Create(s_policy, servers);

        Assert.Same(servers[1], balancer.Pick([servers[2], servers[1]], default));
    }
}
