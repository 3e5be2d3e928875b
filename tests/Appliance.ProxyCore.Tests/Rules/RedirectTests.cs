using System.Text;
using Appliance.ProxyCore.Rules;
using Appliance.ProxyCore.Tests.Acl;

namespace Appliance.ProxyCore.Tests.Rules;

public class RedirectTests
{
    private static string Location(string url, RedirectKind kind, string target, bool dropQuery = false, bool appendSlash = false, string? host = "example.com")
    {
        var request = host is null ? new TestRequest(url: url) : new TestRequest(url: url, headers: ("Host", host));
        var output = new StringBuilder();
        RedirectAction.BuildLocation(request, target, kind, dropQuery, appendSlash, output);
        return output.ToString();
    }

    [Theory]
    [InlineData("/live/a.m3u8?t=1", RedirectKind.Scheme, "https", false, false, "https://example.com/live/a.m3u8?t=1")]
    [InlineData("/live/a.m3u8?t=1", RedirectKind.Scheme, "https", true, false, "https://example.com/live/a.m3u8")]
    [InlineData("/live", RedirectKind.Scheme, "https", false, true, "https://example.com/live/")]
    [InlineData("/live?x", RedirectKind.Prefix, "https://cdn.example.net", false, false, "https://cdn.example.net/live?x")]
    [InlineData("/live?x", RedirectKind.Prefix, "https://cdn.example.net", true, true, "https://cdn.example.net/live/")]
    [InlineData("/live/?x", RedirectKind.Prefix, "/", false, true, "/live/?x")]
    [InlineData("/live?x", RedirectKind.Location, "https://other.example/", true, true, "https://other.example/")]
    [InlineData("http://example.com/abs?q", RedirectKind.Scheme, "https", false, false, "https://example.com/abs?q")]
    public void BuildLocation_Kinds_FollowHaproxySemantics(string url, RedirectKind kind, string target, bool dropQuery, bool appendSlash, string expected) =>
        Assert.Equal(expected, Location(url, kind, target, dropQuery, appendSlash));

    [Fact]
    public void BuildLocation_SchemeWithoutHost_HasEmptyAuthority() =>
        Assert.Equal("https:///x", Location("/x", RedirectKind.Scheme, "https", host: null));

    [Fact]
    public void Apply_RedirectSchemeUnlessTls_RepliesWithLocationOnlyForPlainConnections()
    {
        var rules = AclTestHelper.Rules("redirect scheme https code 301 if !{ ssl_fc }");
        var plain = new TestRequest(url: "/a?b", headers: ("Host", "example.com:8080"));
        var tls = new TestRequest(url: "/a?b", headers: ("Host", "example.com")) { IsTls = true };

        var outcome = rules.ApplyRequestRules(plain, new HttpTransaction(plain));
        Assert.Equal(RuleVerdict.Redirect, outcome.Verdict);
        Assert.Equal(301, outcome.Reply!.Status);
        Assert.Equal([new("Location", "https://example.com:8080/a?b")], outcome.Reply.Headers);
        Assert.Equal("", outcome.Reply.Body);
        Assert.Equal(RuleVerdict.Continue, rules.ApplyRequestRules(tls, new HttpTransaction(tls)).Verdict);
    }

    [Fact]
    public void Apply_RedirectWithCookies_AddsSetCookieHeaders()
    {
        var rules = AclTestHelper.Rules("redirect location /login code 303 set-cookie SEEN=1 clear-cookie SESSION=");
        var request = new TestRequest();

        var reply = rules.ApplyRequestRules(request, new HttpTransaction(request)).Reply!;

        Assert.Equal(303, reply.Status);
        Assert.Equal(["Location: /login", "Set-Cookie: SEEN=1; path=/", "Set-Cookie: SESSION=; Max-Age=0; path=/"], reply.Headers.Select(h => $"{h.Key}: {h.Value}"));
    }

    [Fact]
    public void Apply_RedirectTargetWithVariables_IsRendered()
    {
        var rules = AclTestHelper.Rules("http-request redirect location https://%[req.hdr(host),lower]%[path]/ code 308");
        var request = new TestRequest(url: "/x?y", headers: ("Host", "EXAMPLE.com"));

        var reply = rules.ApplyRequestRules(request, new HttpTransaction(request)).Reply!;

        Assert.Equal((308, "https://example.com/x/"), (reply.Status, reply.Headers[0].Value));
    }

    [Fact]
    public void Apply_DefaultCode_Is302()
    {
        var rules = AclTestHelper.Rules("redirect prefix https://new.example.com");
        var request = new TestRequest(url: "/p");

        var reply = rules.ApplyRequestRules(request, new HttpTransaction(request)).Reply!;

        Assert.Equal((302, "https://new.example.com/p"), (reply.Status, reply.Headers[0].Value));
    }
}
