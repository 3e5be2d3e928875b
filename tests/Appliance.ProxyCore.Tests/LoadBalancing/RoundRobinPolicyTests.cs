using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Model;
using static Appliance.ProxyCore.Tests.LoadBalancing.TestServers;

namespace Appliance.ProxyCore.Tests.LoadBalancing;

public class RoundRobinPolicyTests
{
    private static readonly RoundRobinPolicy s_policy = new();

    [Fact]
    public void Pick_EqualWeights_StrictRotation()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1, 1));

        Assert.Equal("s0 s1 s2 s3 s0 s1 s2 s3", Sequence(selector, 8));
        Assert.Equal([2500, 2500, 2500, 2500], Count(selector, 10_000));
    }

    [Fact]
    public void Pick_Weights123_ExactProportions()
    {
        var selector = Selector(s_policy, WithWeights(1, 2, 3));

        // 10,002 picks are 1,667 full cycles of 6.
        Assert.Equal([1667, 3334, 5001], Count(selector, 10_002));
    }

    [Fact]
    public void Pick_Weights31_InterleavesSmoothly()
    {
        var selector = Selector(s_policy, WithWeights(3, 1));

        Assert.Equal("s0 s0 s1 s0 s0 s0 s1 s0", Sequence(selector, 8));
    }

    [Fact]
    public void Pick_Weights123_HeaviestRunsAtMostTwice()
    {
        var servers = WithWeights(1, 2, 3);
        var selector = Selector(s_policy, servers);

        // Plain weighted round-robin would send s2 three in a row; the smooth one interleaves c b a c b c.
        Assert.Equal("s2 s1 s0 s2 s1 s2", Sequence(selector, 6));
        Assert.Equal(2, LongestRun(selector, servers[2], 10_000));
    }

    [Fact]
    public void Pick_ServerGoesDownMidRun_ShareMovesToOthersAndBack()
    {
        var servers = WithWeights(1, 1, 1);
        var selector = Selector(s_policy, servers);
        Assert.Equal([1000, 1000, 1000], Count(selector, 3000));

        SetDown(servers[1]);
        Assert.Equal([1500, 0, 1500], Count(selector, 3000));

        SetUp(servers[1]);
        Assert.Equal([1000, 1000, 1000], Count(selector, 3000));
    }

    [Fact]
    public void Pick_AgentWeightChange_TakesEffectAtOnce()
    {
        var servers = WithWeights(100, 100);
        var selector = Selector(s_policy, servers);
        Assert.Equal([1000, 1000], Count(selector, 2000));

        servers[0].State.SetAgentWeightPercent(50);

        // Effective weights 50:100 from the next pick on.
        Assert.Equal([1000, 2000], Count(selector, 3000));
    }

    [Fact]
    public void Pick_DrainedServer_GetsNoPicks()
    {
        var servers = WithWeights(1, 1, 1);
        var selector = Selector(s_policy, servers);
        servers[2].State.SetOperatorAdmin(ServerAdminState.Drain);

        Assert.Equal([5000, 5000, 0], Count(selector, 10_000));
    }

    [Fact]
    public void Pick_DrainedServerStillPassedAsCandidate_NeverPicked()
    {
        // A drain racing with the selector's filter: the balancer itself must skip weight 0.
        var servers = WithWeights(1, 1);
        var balancer = Create(s_policy, servers);
        servers[0].State.SetAgentAdmin(ServerAdminState.Drain);

        for (var i = 0; i < 100; i++)
        {
            Assert.Same(servers[1], balancer.Pick(servers, default));
        }
    }

    [Fact]
    public void Pick_FourThreadsConcurrently_ExactTotals()
    {
        var servers = WithWeights(1, 1, 1, 1);
        var selector = Selector(s_policy, servers);
        var counts = new int[servers.Length];
        using var start = new Barrier(4);

        var threads = new Thread[4];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 10_000; i++)
                {
                    var selection = selector.Select(default);
                    Interlocked.Increment(ref counts[selection.Server!.Index]);
                }
            });
            threads[t].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Equal([10_000, 10_000, 10_000, 10_000], counts);
    }
}
