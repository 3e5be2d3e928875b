using Appliance.ProxyCore.Persistence;
using Appliance.ProxyCore.Tests.Configuration;

namespace Appliance.ProxyCore.Tests.Persistence;

public sealed class CookieConfigParserTests
{
    private const string Head = "defaults\n    mode http\n    timeout connect 1s\n    timeout client 1s\n    timeout server 1s\nbackend be\n";

    [Fact]
    public void Parse_AntMediaPrefixNocache_PrefixModeWithNoCache()
    {
        var config = CookieConfigParser.Parse(ConfigTestHelper.Load(Head + "    cookie JSESSIONID prefix nocache\n").Config!.FindBackend("be")!);

        Assert.NotNull(config);
        Assert.Equal(("JSESSIONID", CookieMode.Prefix, true), (config.Name, config.Mode, config.NoCache));
    }

    [Fact]
    public void Parse_InsertWithEveryOption_AllRecorded()
    {
        var config = CookieConfigParser.Parse(ConfigTestHelper.Load(
            Head + "    cookie SERVERID insert indirect nocache preserve httponly secure domain .example.com maxidle 30m maxlife 8h attr \"SameSite=Lax\"\n").Config!.FindBackend("be")!)!;

        Assert.Equal(CookieMode.Insert, config.Mode);
        Assert.True(config.Indirect && config.NoCache && config.Preserve && config.HttpOnly && config.Secure);
        Assert.Equal([".example.com"], config.Domains);
        Assert.Equal((TimeSpan.FromMinutes(30), TimeSpan.FromHours(8)), (config.MaxIdle, config.MaxLife));
        Assert.Equal(["SameSite=Lax"], config.Attributes);
    }

    [Theory]
    [InlineData("cookie", "t.cfg:7: error: 'cookie' in backend 'be' expects a cookie name")]
    [InlineData("cookie S insert prefix", "t.cfg:7: error: 'cookie' in backend 'be' expects only one of 'rewrite', 'insert' or 'prefix' (got 'insert' and 'prefix')")]
    [InlineData("cookie S insert indirekt", "t.cfg:7: error: 'cookie' in backend 'be' does not know 'indirekt'; did you mean 'indirect'?")]
    [InlineData("cookie S insert domain", "t.cfg:7: error: 'cookie' in backend 'be': 'domain' expects a value")]
    [InlineData("cookie S insert maxidle soon", "t.cfg:7: error: 'cookie' in backend 'be': 'maxidle' expects a time such as 30m or 1d (got 'soon')")]
    [InlineData("cookie S prefix maxlife 1h", "t.cfg:7: error: 'cookie' in backend 'be': 'maxidle', 'maxlife' and 'postonly' only apply to 'insert' mode")]
    [InlineData("cookie S insert dynamic", "t.cfg:7: error: 'cookie' in backend 'be': 'dynamic' (server cookies generated from a secret key) is not supported; give each server a 'cookie VALUE'")]
    public void Check_BadCookieLine_ExactDiagnostic(string line, string expected)
    {
        var diagnostics = ConfigTestHelper.Diagnostics(Head + "    " + line + "\n");

        Assert.Contains(expected, diagnostics);
    }
}
