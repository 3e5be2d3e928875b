using Appliance.ProxyCore.Model;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Model;

public class RateCounterTests
{
    [Fact]
    public void Read_EventsThisSecond_CountedWhole()
    {
        var time = new FakeTimeProvider();
        var rate = new RateCounter(time);

        for (var i = 0; i < 5; i++)
        {
            rate.Increment();
        }

        Assert.Equal(5, rate.Read());
        Assert.Equal(5, rate.Max);
    }

    [Fact]
    public void Read_PreviousSecondWeightedByWhatRemainsInTheWindow()
    {
        var time = new FakeTimeProvider();
        var rate = new RateCounter(time);
        for (var i = 0; i < 10; i++)
        {
            rate.Increment();
        }

        time.Advance(TimeSpan.FromMilliseconds(1250));
        rate.Increment();

        // 1 this second + 10 x (750 ms left of the previous second's window / 1000 ms).
        Assert.Equal(8, rate.Read());
        Assert.Equal(10, rate.Max);
    }

    [Fact]
    public void Read_AfterTwoQuietSeconds_Zero()
    {
        var time = new FakeTimeProvider();
        var rate = new RateCounter(time);
        rate.Increment();

        time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, rate.Read());
        Assert.Equal(1, rate.Max);
    }
}
