using Appliance.HaAgent.Configuration;

namespace Appliance.HaAgent.Tests.Configuration;

public sealed class HaTimeTests
{
    [Theory]
    [InlineData("1", 1000)]
    [InlineData("1s", 1000)]
    [InlineData("100ms", 100)]
    [InlineData("0.1", 100)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0", 0)]
    public void TryParse_ValidForms_BareNumberIsSeconds(string text, int milliseconds)
    {
        Assert.True(HaTime.TryParse(text, out var time));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("-1")]
    [InlineData("1.2.3")]
    [InlineData("1 s")]
    [InlineData("1us")]
    [InlineData("0.00000001")]
    [InlineData("1e3")]
    public void TryParse_Invalid_ReturnsFalse(string text)
    {
        Assert.False(HaTime.TryParse(text, out _));
    }

    [Theory]
    [InlineData(1000, "1s")]
    [InlineData(100, "100ms")]
    [InlineData(1500, "1500ms")]
    public void Format_Time_ReadsBack(int milliseconds, string expected)
    {
        var time = TimeSpan.FromMilliseconds(milliseconds);

        Assert.Equal(expected, HaTime.Format(time));
        Assert.True(HaTime.TryParse(expected, out var back));
        Assert.Equal(time, back);
    }
}
