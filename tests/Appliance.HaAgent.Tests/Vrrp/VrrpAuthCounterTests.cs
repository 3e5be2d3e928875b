using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Vrrp;

public sealed class VrrpAuthCounterTests
{
    [Fact]
    public void StartingAt_UnixTime_FirstValueIsMicrosecondsSinceEpochThenIncrements()
    {
        var counter = VrrpAuthCounter.StartingAt(DateTimeOffset.UnixEpoch + TimeSpan.FromSeconds(2) + TimeSpan.FromMicroseconds(7));

        Assert.Equal(2_000_007UL, counter.Next());
        Assert.Equal(2_000_008UL, counter.Next());
    }

    [Fact]
    public void StartingAt_RestartLater_StartsAboveWhatTheEarlierRunSent()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var firstRun = VrrpAuthCounter.StartingAt(start);
        ulong last = 0;
        for (var i = 0; i < 100 * 60; i++)
        {
            last = firstRun.Next(); // one minute of 10 ms adverts
        }

        var secondRun = VrrpAuthCounter.StartingAt(start + TimeSpan.FromMinutes(1));

        Assert.True(secondRun.Next() > last);
    }
}
