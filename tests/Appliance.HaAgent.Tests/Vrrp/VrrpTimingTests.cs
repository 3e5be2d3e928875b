using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Vrrp;

public sealed class VrrpTimingTests
{
    [Theory]
    [InlineData(100, 100, 60, 360)] // 156 × 100 / 256 = 60.9
    [InlineData(255, 100, 0, 300)] // 1 × 100 / 256 = 0.39
    [InlineData(254, 100, 0, 300)]
    [InlineData(1, 100, 99, 399)] // 255 × 100 / 256 = 99.6
    [InlineData(200, 10, 2, 32)] // 56 × 10 / 256 = 2.19
    [InlineData(150, 1, 0, 3)]
    [InlineData(50, 4095, 3295, 15580)] // 206 × 4095 / 256 = 3295.2
    [InlineData(128, 256, 128, 896)] // exact: 128 × 256 / 256
    public void SkewAndMasterDown_PriorityAndInterval_FollowRfc5798Section6_1(
        int priority, int intervalCs, int expectedSkewCs, int expectedMasterDownCs)
    {
        Assert.Equal(expectedSkewCs, VrrpTiming.SkewTimeCs((byte)priority, intervalCs));
        Assert.Equal(expectedMasterDownCs, VrrpTiming.MasterDownIntervalCs((byte)priority, intervalCs));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4096)]
    public void SkewTimeCs_IntervalOutsideTwelveBits_Throws(int intervalCs)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VrrpTiming.SkewTimeCs(100, intervalCs));
    }

    [Fact]
    public void FromCentiseconds_MaximumField_Is40Point95Seconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(40_950), VrrpTiming.FromCentiseconds(4095));
    }
}
