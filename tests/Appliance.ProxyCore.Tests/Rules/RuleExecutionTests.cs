using Appliance.ProxyCore.Rules;
using Appliance.ProxyCore.Tests.Acl;

namespace Appliance.ProxyCore.Tests.Rules;

/// <summary>What each http-request / http-response action does to a sample message.</summary>
public class RuleExecutionTests
{
    private static (RuleOutcome Outcome, TestRequest Request) Run(TestRequest request, params string[] lines)
    {
        var rules = AclTestHelper.Rules(lines);
        return (rules.ApplyRequestRules(request, new HttpTransaction(request)), request);
    }

    [Fact]
    public void Apply_AddHeaderWithClientAddress_AppendsRenderedValue()
    {
        var (outcome, request) = Run(new TestRequest(headers: ("X-Client-IP", "old")), "http-request add-header X-Client-IP %ci:%cp");

        Assert.Equal(RuleVerdict.Continue, outcome.Verdict);
        Assert.Equal(["X-Client-IP: old", "X-Client-IP: 127.0.0.1:54321"], request.HeaderLines());
    }

    [Fact]
    public void Apply_SetHeaderIfTls_ReplacesEveryOccurrenceOnlyOnTls()
    {
        string[] lines = ["http-request set-header X-Forwarded-Proto https if { ssl_fc }"];
        var tls = new TestRequest(headers: [("x-forwarded-proto", "http"), ("A", "1"), ("X-Forwarded-Proto", "ftp")]) { IsTls = true };
        var plain = new TestRequest(headers: ("X-Forwarded-Proto", "http"));

        Run(tls, lines);
        Run(plain, lines);

        Assert.Equal(["A: 1", "X-Forwarded-Proto: https"], tls.HeaderLines());
        Assert.Equal(["X-Forwarded-Proto: http"], plain.HeaderLines());
    }

    [Fact]
    public void Apply_SetHeaderFromItsOwnValue_ReadsTheOldValue()
    {
        var (_, request) = Run(new TestRequest(headers: ("X-Id", "Abc")), "http-request set-header X-Id %[req.hdr(x-id),lower]");

        Assert.Equal(["X-Id: abc"], request.HeaderLines());
    }

    [Theory]
    [InlineData("http-request del-header x-debug", new[] { "X-Debug-Level: 2", "Host: h" })]
    [InlineData("http-request del-header X-Debug -m beg", new[] { "Host: h" })]
    [InlineData("http-request del-header level -m end", new[] { "X-Debug: 1", "Host: h" })]
    [InlineData("http-request del-header ebu -m sub", new[] { "Host: h" })]
    [InlineData("http-request del-header ^x-debug$ -m reg", new[] { "X-Debug-Level: 2", "Host: h" })]
    public void Apply_DeleteHeader_RemovesMatchingNames(string line, string[] expected)
    {
        var (_, request) = Run(new TestRequest(headers: [("X-Debug", "1"), ("X-Debug-Level", "2"), ("Host", "h")]), line);

        Assert.Equal(expected, request.HeaderLines());
    }

    [Fact]
    public void Apply_ReplaceHeaderWithBackReference_RewritesMatchingValues()
    {
        var (_, request) = Run(new TestRequest(headers: [("Cookie", "foo=bar; x=1"), ("Cookie", "other")]),
            @"http-request replace-header Cookie foo=([^;]*);(.*) foo=\1;ip=%ci;\2");

        Assert.Equal(["Cookie: foo=bar;ip=127.0.0.1; x=1", "Cookie: other"], request.HeaderLines());
    }

    [Fact]
    public void Apply_ReplaceHeaderWithoutBackReference_ReplacesWholeValue()
    {
        var (_, request) = Run(new TestRequest(headers: ("Server-Hint", "apache/2")), "http-request replace-header Server-Hint ^apache hidden");

        Assert.Equal(["Server-Hint: hidden"], request.HeaderLines());
    }

    [Fact]
    public void Apply_SetPathAndReplacePath_KeepTheQuery()
    {
        var (_, first) = Run(new TestRequest(url: "/old/x?q=1"), "http-request set-path /new%[path]");
        var (_, second) = Run(new TestRequest(url: "/api/v1/users?q=1"), @"http-request replace-path /api/v1/(.*) /v2/\1");
        var (_, untouched) = Run(new TestRequest(url: "/other?q=1"), @"http-request replace-path /api/v1/(.*) /v2/\1");

        Assert.Equal("/new/old/x?q=1", first.UrlText);
        Assert.Equal("/v2/users?q=1", second.UrlText);
        Assert.Equal("/other?q=1", untouched.UrlText);
    }

    [Fact]
    public void Apply_DenyDefault_Is403WithTheErrorPage()
    {
        var (outcome, _) = Run(new TestRequest(url: "/admin"), "http-request deny if { path_beg /admin }");

        Assert.Equal(RuleVerdict.Deny, outcome.Verdict);
        Assert.Equal((403, true), (outcome.Reply!.Status, outcome.Reply.UsesErrorPage));
    }

    [Fact]
    public void Apply_DenyWithStatusAndBody_RepliesWithThem()
    {
        var (outcome, _) = Run(new TestRequest(), "http-request deny deny_status 429 content-type text/plain string \"slow down\"");

        Assert.Equal(new HttpReply(429, "text/plain", "slow down", []), outcome.Reply! with { Headers = [] });
    }

    [Fact]
    public void Apply_ReturnWithLfStringAndHeader_RendersBody()
    {
        var (outcome, _) = Run(new TestRequest(url: "/health"),
            "http-request return status 200 content-type text/plain lf-string \"ok %ci\" hdr Cache-Control no-cache if { path /health }");

        Assert.Equal(RuleVerdict.Return, outcome.Verdict);
        Assert.Equal((200, "text/plain", "ok 127.0.0.1"), (outcome.Reply!.Status, outcome.Reply.ContentType, outcome.Reply.Body));
        Assert.Equal([new("Cache-Control", "no-cache")], outcome.Reply.Headers);
    }

    [Fact]
    public void Apply_AllowStopsHttpRequestRules_ButRedirectsStillRun()
    {
        var (outcome, request) = Run(new TestRequest(url: "/a"),
            "http-request allow if { path /a }", "http-request add-header X-Seen 1", "redirect location /b if { path /a }");

        Assert.Empty(request.HeaderLines());
        Assert.Equal(RuleVerdict.Redirect, outcome.Verdict);
    }

    [Fact]
    public void Apply_AllowWithoutRedirect_ReturnsAllowed()
    {
        var (outcome, _) = Run(new TestRequest(), "http-request allow");

        Assert.Equal(RuleOutcome.Allowed, outcome);
    }

    [Fact]
    public void Apply_Auth_Replies401WithRealm()
    {
        var (outcome, _) = Run(new TestRequest(), "http-request auth realm Stats if { path_beg /stats }", "http-request auth");
        var reply = outcome.Reply!;

        Assert.Equal((RuleVerdict.Auth, 401), (outcome.Verdict, reply.Status));
        Assert.Equal([new("WWW-Authenticate", "Basic realm=\"f\"")], reply.Headers);
    }

    [Fact]
    public void Apply_LaterRulesSeeEarlierChanges()
    {
        var (outcome, _) = Run(new TestRequest(), "http-request set-header X-Tag blocked", "http-request deny if { hdr(X-Tag) blocked }");

        Assert.Equal(RuleVerdict.Deny, outcome.Verdict);
    }

    [Fact]
    public void ApplyResponseRules_HeaderActionsAndSetStatus()
    {
        var rules = AclTestHelper.Rules(
            "http-response set-header Strict-Transport-Security max-age=31536000",
            "http-response del-header Server",
            "http-response add-header X-Backend %b",
            "http-response set-status 503 reason \"Try Later\" if { status 500 }",
            "http-response replace-header Set-Cookie (.*) \\1;\\ Secure if { res.cook(SID) -m found }");
        var request = new TestRequest();
        var response = new TestResponse(500, ("Server", "nginx"), ("Set-Cookie", "SID=1; path=/"));
        var transaction = new HttpTransaction(request) { BackendName = "web", Response = response };

        var outcome = rules.ApplyResponseRules(response, transaction);

        Assert.Equal(RuleVerdict.Continue, outcome.Verdict);
        Assert.Equal((503, "Try Later"), (response.Status, response.Reason));
        Assert.Equal(["Set-Cookie: SID=1; path=/; Secure", "Strict-Transport-Security: max-age=31536000", "X-Backend: web"], response.HeaderLines());
    }

    [Fact]
    public void ApplyResponseRules_DenyOnResponseHeader_RepliesWithDenyStatus()
    {
        var rules = AclTestHelper.Rules("http-response deny deny_status 502 if { res.hdr(X-Leak) -m found }");
        var leaking = new TestResponse(200, ("X-Leak", "secret"));
        var clean = new TestResponse(200);

        var outcome = rules.ApplyResponseRules(leaking, new HttpTransaction(new TestRequest()) { Response = leaking });

        Assert.Equal((RuleVerdict.Deny, 502), (outcome.Verdict, outcome.Reply!.Status));
        Assert.Equal(RuleVerdict.Continue, rules.ApplyResponseRules(clean, new HttpTransaction(new TestRequest()) { Response = clean }).Verdict);
    }

    [Fact]
    public void ResolveBackend_WarmNamedAndAnonymousAcls_AllocatesNothing()
    {
        var rules = AclTestHelper.Rules("acl api path_beg /api", "acl ws hdr(Upgrade) -i websocket", "use_backend ws if ws { ssl_fc }", "use_backend api if api { ssl_fc }");
        var request = new TestRequest(url: "/api/x") { IsTls = true };
        var transaction = new HttpTransaction(request);
        rules.ResolveBackend(transaction);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var backend = rules.ResolveBackend(transaction);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal("api", backend);
        Assert.Equal(0, after - before);
    }

    [Theory]
    [InlineData("API", "api")]
    [InlineData("ws", "ws")]
    [InlineData("nosuch", "web")]
    public void ResolveBackend_DynamicName_FallsBackToDefaultWhenUnknown(string host, string expected)
    {
        var rules = AclTestHelper.Rules("use_backend %[req.hdr(host),lower]", "use_backend ws if TRUE");
        var request = new TestRequest(headers: ("Host", host));

        Assert.Equal(expected, rules.ResolveBackend(new HttpTransaction(request)));
    }

    [Fact]
    public void ResolveBackend_NoRuleApplies_UsesDefaultBackend()
    {
        var rules = AclTestHelper.Rules("use_backend api if { path_beg /api }", "use_backend ws unless { path_beg /x }");

        Assert.Equal("api", rules.ResolveBackend(new HttpTransaction(new TestRequest(url: "/api/1"))));
        Assert.Equal("ws", rules.ResolveBackend(new HttpTransaction(new TestRequest(url: "/y"))));
        Assert.Equal("web", rules.ResolveBackend(new HttpTransaction(new TestRequest(url: "/x"))));
    }
}
