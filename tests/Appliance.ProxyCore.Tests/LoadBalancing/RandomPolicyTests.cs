using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Model;
using static Appliance.ProxyCore.Tests.LoadBalancing.TestServers;

namespace Appliance.ProxyCore.Tests.LoadBalancing;

public class RandomPolicyTests
{
    private static RandomPolicy Seeded(int seed)
    {
        var random = new Random(seed);
        return new RandomPolicy(random.Next);
    }

    /// <summary>A random source that replays fixed values (each taken modulo the bound asked for).</summary>
    private static RandomPolicy Scripted(params int[] values)
    {
        var next = 0;
        return new RandomPolicy(bound => values[next++ % values.Length] % bound);
    }

    [Fact]
    public void Pick_SingleDrawWeights123_ProportionalWithinTolerance()
    {
        var selector = Selector(Seeded(1), WithWeights(1, 2, 3), "1");

        var counts = Count(selector, 10_000);

        // Expected 1667/3333/5000; 3 standard deviations are about 110 picks.
        Assert.InRange(counts[0], 1667 - 150, 1667 + 150);
        Assert.InRange(counts[1], 3333 - 150, 3333 + 150);
        Assert.InRange(counts[2], 5000 - 150, 5000 + 150);
    }

    [Fact]
    public void Pick_DefaultTwoDrawsNoLoad_StillWeighted()
    {
        var selector = Selector(Seeded(2), WithWeights(1, 3));

        var counts = Count(selector, 10_000);

        Assert.InRange(counts[0], 2500 - 150, 2500 + 150);
    }

    [Fact]
    public void Pick_TwoDraws_KeepsLessLoadedDraw()
    {
        var servers = WithWeights(1, 1);
        for (var i = 0; i < 10; i++)
        {
            servers[0].State.TryAcquireSlot();
        }

        // The draws land on s0 then s1: s1 has fewer connections.
        var balancer = Create(Scripted(0, 1), servers);

        Assert.Same(servers[1], balancer.Pick(servers, default));
    }

    [Fact]
    public void Pick_TwoDrawsOneLoadedServer_LoadedOnlyWhenDrawnTwice()
    {
        var servers = WithWeights(1, 1);
        for (var i = 0; i < 10; i++)
        {
            servers[0].State.TryAcquireSlot();
        }

        var counts = Count(Selector(Seeded(3), servers), 10_000);

        // Both draws must land on s0: probability 1/4.
        Assert.InRange(counts[0], 2500 - 150, 2500 + 150);
    }

    [Fact]
    public void Pick_ServerGoesDown_NeverPicked()
    {
        var servers = WithWeights(1, 1, 1);
        var selector = Selector(Seeded(4), servers);
        SetDown(servers[1]);

        var counts = Count(selector, 10_000);

        Assert.Equal(0, counts[1]);
        Assert.InRange(counts[0], 5000 - 200, 5000 + 200);
    }

    [Fact]
    public void Pick_AgentWeightChange_ShiftsShare()
    {
        var servers = WithWeights(100, 100);
        var selector = Selector(Seeded(5), servers, "1");
        servers[0].State.SetAgentWeightPercent(25);

        var counts = Count(selector, 10_000);

        Assert.InRange(counts[0], 2000 - 150, 2000 + 150);
    }

    [Fact]
    public void Pick_Drained_GetsNoPicks()
    {
        var servers = WithWeights(1, 1);
        var selector = Selector(Seeded(6), servers);
        servers[1].State.SetOperatorAdmin(ServerAdminState.Drain);

        Assert.Equal([1000, 0], Count(selector, 1000));
    }

    [Fact]
    public void Pick_DrawValues_MapToWeightedSlots()
    {
        var servers = WithWeights(1, 2, 3);

        // Slots: 0 -> s0, 1..2 -> s1, 3..5 -> s2.
        Assert.Same(servers[0], Create(Scripted(0), servers, "1").Pick(servers, default));
        Assert.Same(servers[1], Create(Scripted(2), servers, "1").Pick(servers, default));
        Assert.Same(servers[2], Create(Scripted(3), servers, "1").Pick(servers, default));
    }
}
