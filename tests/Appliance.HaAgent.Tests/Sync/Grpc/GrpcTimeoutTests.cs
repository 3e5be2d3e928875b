using Appliance.HaAgent.Sync.Grpc;

namespace Appliance.HaAgent.Tests.Sync.Grpc;

public class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("30S", 300_000_000L)]
    [InlineData("100m", 1_000_000L)]
    [InlineData("250u", 2_500L)]
    [InlineData("1000n", 10L)]
    [InlineData("1n", 1L)]
    [InlineData("0m", 0L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void TryParse_EachUnit_GivesTheDuration(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(TimeSpan.FromTicks(ticks), timeout);
    }

    [Fact]
    public void TryParse_LargestValueInHours_FitsATimeSpan()
    {
        Assert.True(GrpcTimeout.TryParse("99999999H", out var timeout));
        Assert.Equal(TimeSpan.FromHours(99_999_999), timeout);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("100000000S")]
    [InlineData("10s")]
    [InlineData("10X")]
    [InlineData("-1S")]
    [InlineData(" 1S")]
    [InlineData("1 S")]
    [InlineData("1.5S")]
    public void TryParse_Malformed_ReturnsFalse(string? value)
    {
        Assert.False(GrpcTimeout.TryParse(value, out _));
    }

    [Theory]
    [InlineData(1L, "100n")]
    [InlineData(10_000L, "1000000n")]
    [InlineData(10_000_000L, "1000000u")]
    [InlineData(20_000_000_000L, "2000000m")]
    [InlineData(36_000_000_000_000L, "3600000S")]
    [InlineData(10_000_000_000_000_000L, "16666667M")]
    public void Format_PicksTheFinestUnitWithinEightDigits(long ticks, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Format_NotAWholeUnit_RoundsUpSoThePeerNeverWaitsLess()
    {
        // 99,999,999.5 µs does not fit 8 digits in ns or µs; in ms it is 100,000 ms rounded up from 99,999.9995.
        var timeout = TimeSpan.FromTicks(999_999_995);
        var text = GrpcTimeout.Format(timeout);
        Assert.Equal("100000m", text);
        Assert.True(GrpcTimeout.TryParse(text, out var back));
        Assert.True(back >= timeout);
    }

    [Fact]
    public void Format_TooPreciseForEightDigits_LosesLessThanOneUnitAndNeverShortens()
    {
        // 12,345.6789012 s: 12,345,679 ms is the finest 8-digit form.
        var timeout = TimeSpan.FromTicks(123_456_789_012);
        Assert.Equal("12345679m", GrpcTimeout.Format(timeout));
    }

    [Fact]
    public void Format_MaxTimeSpan_IsCappedAtEightDigitsOfHours()
    {
        Assert.Equal("99999999H", GrpcTimeout.Format(TimeSpan.MaxValue));
    }

    [Fact]
    public void Format_Zero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GrpcTimeout.Format(TimeSpan.Zero));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(1234L)]
    [InlineData(5_000_000L)]
    [InlineData(999_999L)]
    public void FormatThenParse_RoundTrips(long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(TimeSpan.FromTicks(ticks)), out var back));
        Assert.Equal(TimeSpan.FromTicks(ticks), back);
    }
}
