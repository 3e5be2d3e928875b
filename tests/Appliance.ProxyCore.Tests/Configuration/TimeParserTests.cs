using Appliance.ProxyCore.Configuration.Parsing;

namespace Appliance.ProxyCore.Tests.Configuration;

public class TimeParserTests
{
    [Theory]
    [InlineData("5000", 5000)]
    [InlineData("0", 0)]
    [InlineData("250ms", 250)]
    [InlineData("1500us", 2)]
    [InlineData("1us", 1)]
    [InlineData("5s", 5000)]
    [InlineData("2m", 120_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("24d", 2_073_600_000)]
    [InlineData("2147483647", 2_147_483_647)]
    public void TryParse_ValidTime_ReturnsMilliseconds(string text, long milliseconds)
    {
        Assert.Equal(TimeParseStatus.Ok, TimeParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("25d")]
    [InlineData("2147483648")]
    [InlineData("99999999999999999999999999h")]
    public void TryParse_BeyondTimerLimit_ReportsOverflow(string text) =>
        Assert.Equal(TimeParseStatus.Overflow, TimeParser.TryParse(text, out _));

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("5x")]
    [InlineData("5 s")]
    [InlineData("-5s")]
    [InlineData("1.5s")]
    [InlineData("5S")]
    public void TryParse_Malformed_ReportsInvalid(string text) =>
        Assert.Equal(TimeParseStatus.Invalid, TimeParser.TryParse(text, out _));
}
