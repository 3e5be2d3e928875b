using Appliance.HaAgent.Sync.Replication;
using Appliance.Tests.Common;

namespace Appliance.HaAgent.Tests.Sync.Replication;

public class LagWindowTests
{
    [Fact]
    public void Percentile_HundredSamples_UsesNearestRank()
    {
        var time = new FakeTimeProvider();
        var window = new LagWindow(TimeSpan.FromMinutes(1), time);
        var now = time.GetTimestamp();
        for (var ms = 1; ms <= 100; ms++)
        {
            window.Add(now - (ms * TimeSpan.TicksPerMillisecond), now);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(50), window.Percentile(50));
        Assert.Equal(TimeSpan.FromMilliseconds(99), window.Percentile(99));
        Assert.Equal(TimeSpan.FromMilliseconds(100), window.Percentile(100));
    }

    [Fact]
    public void Percentile_NoSamples_IsNull()
    {
        Assert.Null(new LagWindow(TimeSpan.FromMinutes(1), new FakeTimeProvider()).Percentile(50));
    }

    [Fact]
    public void Percentile_SamplesOlderThanTheWindow_AreLeftOut()
    {
        var time = new FakeTimeProvider();
        var window = new LagWindow(TimeSpan.FromSeconds(10), time);
        var start = time.GetTimestamp();
        window.Add(start, start + (500 * TimeSpan.TicksPerMillisecond));
        time.Advance(TimeSpan.FromSeconds(30));
        var now = time.GetTimestamp();
        window.Add(now - (2 * TimeSpan.TicksPerMillisecond), now);
        Assert.Equal(TimeSpan.FromMilliseconds(2), window.Percentile(99));
    }

    [Fact]
    public void Add_MoreThanCapacity_KeepsTheMostRecent()
    {
        var time = new FakeTimeProvider();
        var window = new LagWindow(TimeSpan.FromMinutes(1), time, capacity: 3);
        var now = time.GetTimestamp();
        foreach (var ms in new[] { 900, 1, 2, 3 })
        {
            window.Add(now - (ms * TimeSpan.TicksPerMillisecond), now);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(3), window.Percentile(100));
    }
}
