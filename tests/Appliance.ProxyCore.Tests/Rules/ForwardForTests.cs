using System.Net;
using Appliance.ProxyCore.Rules;
using Appliance.ProxyCore.Tests.Acl;
using Appliance.ProxyCore.Tests.Configuration;

namespace Appliance.ProxyCore.Tests.Rules;

public class ForwardForTests
{
    private static ForwardForOption? Option(string optionLines) =>
        ConfigTestHelper.Load(AclTestHelper.Text(optionLines.Split('\n'))).Config!.Proxies[0].ForwardFor;

    [Fact]
    public void LoadText_PlainOption_UsesXForwardedFor()
    {
        var proxy = ConfigTestHelper.Load(AclTestHelper.Text("option forwardfor")).Config!.Proxies[0];

        Assert.Equal(ForwardForOption.Default, proxy.ForwardFor);
        Assert.Same(proxy.ForwardFor, proxy.HttpRules.ForwardFor);
    }

    [Fact]
    public void LoadText_AllArguments_AreTyped()
    {
        var option = Option("option forwardfor except 127.0.0.0/8 header X-Real-IP if-none")!;

        Assert.Equal(("X-Real-IP", "127.0.0.0/8", true), (option.Header, option.Except!.ToString(), option.IfNone));
    }

    [Fact]
    public void LoadText_LaterOptionWithoutArguments_ReplacesEarlierArguments()
    {
        Assert.Equal(ForwardForOption.Default, Option("option forwardfor header X-Real-IP\noption forwardfor"));
        Assert.Null(Option("option forwardfor\nno option forwardfor"));
        Assert.Null(Option("option httplog"));
    }

    [Fact]
    public void Apply_ExceptNetworkAndIfNone_DecideWhetherToAdd()
    {
        var option = Option("option forwardfor except 10.0.0.0/8 if-none")!;
        var outside = new TestRequest { ClientAddress = IPAddress.Parse("192.0.2.7") };
        var inside = new TestRequest { ClientAddress = IPAddress.Parse("10.1.1.1") };
        var already = new TestRequest(headers: ("x-forwarded-for", "1.2.3.4")) { ClientAddress = IPAddress.Parse("192.0.2.7") };
        var mapped = new TestRequest { ClientAddress = IPAddress.Parse("::ffff:192.0.2.8") };

        foreach (var request in new[] { outside, inside, already, mapped })
        {
            option.Apply(request);
        }

        Assert.Equal(["X-Forwarded-For: 192.0.2.7"], outside.HeaderLines());
        Assert.Empty(inside.HeaderLines());
        Assert.Equal(["x-forwarded-for: 1.2.3.4"], already.HeaderLines());
        Assert.Equal(["X-Forwarded-For: 192.0.2.8"], mapped.HeaderLines());
    }

    [Fact]
    public void LoadText_BadArguments_AreErrors() => Assert.Equal(
        ["t.cfg:8: error: 'option forwardfor' in frontend 'f' expects 'except NETWORK', 'header NAME' or 'if-none' (got 'if-nun'); did you mean 'if-none'?",
         "t.cfg:9: error: 'option forwardfor' in frontend 'f': 'except' expects an IPv4 or IPv6 network such as '127.0.0.0/8' (got 'localhost')",
         "t.cfg:10: error: 'option forwardfor' in frontend 'f': 'header' expects a header name (got nothing)",
         "t.cfg:11: error: 'option forwardfor' in frontend 'f' expects 'except NETWORK', 'header NAME' or 'if-none' (got 'excpet'); did you mean 'except'?"],
        AclTestHelper.Diagnostics("option forwardfor if-nun", "option forwardfor except localhost", "option forwardfor header", "option forwardfor excpet 10.0.0.0/8"));
}
