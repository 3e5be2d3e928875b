using Appliance.ProxyCore.LoadBalancing;
using static Appliance.ProxyCore.Tests.LoadBalancing.TestServers;

namespace Appliance.ProxyCore.Tests.LoadBalancing;

public class StaticRoundRobinPolicyTests
{
    private static readonly StaticRoundRobinPolicy s_policy = new();

    [Fact]
    public void Pick_EqualWeights_ExactCounts()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1, 1, 1));

        Assert.Equal("s0 s1 s2 s3 s4", Sequence(selector, 5));
        Assert.Equal([2000, 2000, 2000, 2000, 2000], Count(selector, 10_000));
    }

    [Fact]
    public void Pick_Weights123_ExactProportionsAndSmooth()
    {
        var servers = WithWeights(1, 2, 3);
        var selector = Selector(s_policy, servers);

        Assert.Equal([1667, 3334, 5001], Count(selector, 10_002));
        Assert.Equal(2, LongestRun(selector, servers[2], 10_000));
    }

    [Fact]
    public void Pick_AgentWeightChange_Ignored()
    {
        var servers = WithWeights(1, 2, 3);
        var selector = Selector(s_policy, servers);
        servers[2].State.SetAgentWeightPercent(10);

        Assert.Equal([1000, 2000, 3000], Count(selector, 6000));
    }

    [Fact]
    public void Pick_AgentWeightZeroPercent_RemovesServer()
    {
        // static-rr accepts only 0% and 100% at runtime in HAProxy; 0% takes the server out.
        var servers = WithWeights(1, 2, 3);
        var selector = Selector(s_policy, servers);
        servers[1].State.SetAgentWeightPercent(0);

        Assert.Equal([1000, 0, 3000], Count(selector, 4000));
    }

    [Fact]
    public void Pick_ServerGoesDownMidRun_ShareMovesToOthers()
    {
        var servers = WithWeights(1, 2, 3);
        var selector = Selector(s_policy, servers);
        Assert.Equal([1000, 2000, 3000], Count(selector, 6000));

        SetDown(servers[2]);
        Assert.Equal([1000, 2000, 0], Count(selector, 3000));
    }
}
