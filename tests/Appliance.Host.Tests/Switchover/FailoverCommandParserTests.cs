using Appliance.Host.Admin;
using Appliance.Host.Switchover;

namespace Appliance.Host.Tests.Switchover;

public sealed class FailoverCommandParserTests
{
    [Fact]
    public void Parse_AllOptions_BuildsRequest()
    {
        var (request, release, error) = FailoverCommandParser.Parse(["failover", "to", "lb2", "timeout", "5s", "hold", "10m"]);

        Assert.Null(error);
        Assert.False(release);
        Assert.Equal(new SwitchoverRequest("lb2", TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10)), request);
    }

    [Fact]
    public void Parse_NoOptions_DefaultsTo30sAndHoldUntilReleased()
    {
        var (request, _, _) = FailoverCommandParser.Parse(["failover"]);

        Assert.Equal(new SwitchoverRequest(null, TimeSpan.FromSeconds(30), null), request);
    }

    [Fact]
    public void Parse_Release_IsRelease()
    {
        Assert.True(FailoverCommandParser.Parse(["failover", "release"]).Release);
    }

    [Theory]
    [InlineData("timeout", "soon", "'failover timeout' expects a time above 0 such as 30s or 500ms (got 'soon')")]
    [InlineData("timeout", "0", "'failover timeout' expects a time above 0 such as 30s or 500ms (got '0')")]
    [InlineData("hold", "-1s", "'failover hold' expects a time such as 10m or 30s (got '-1s')")]
    [InlineData("force", "yes", "unknown or repeated 'failover' option 'force'; syntax: failover [to NODE] [timeout T] [hold T] | failover release")]
    public void Parse_BadOption_NamesIt(string option, string value, string expected)
    {
        Assert.Equal(expected, FailoverCommandParser.Parse(["failover", option, value]).Error);
    }

    [Fact]
    public void Parse_MissingValue_SaysSo()
    {
        Assert.Equal(
            "'failover to' expects a value; syntax: failover [to NODE] [timeout T] [hold T] | failover release",
            FailoverCommandParser.Parse(["failover", "to"]).Error);
    }
}
