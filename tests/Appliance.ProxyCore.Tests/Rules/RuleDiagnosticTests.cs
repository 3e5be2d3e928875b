using Appliance.ProxyCore.Tests.Acl;

namespace Appliance.ProxyCore.Tests.Rules;

/// <summary>Parse errors of every rule keyword and the placement warnings, with their exact text (frontend lines start at 8).</summary>
public class RuleDiagnosticTests
{
    private static void AssertDiagnostics(string[] lines, params string[] expected) =>
        Assert.Equal(expected, AclTestHelper.Diagnostics(lines));

    [Fact]
    public void LoadText_HttpRequestActionProblems() => AssertDiagnostics(
        ["http-request", "http-request frob", "http-request add-hedaer X 1", "http-request tarpit", "http-request set-var(txn.a) str(x)"],
        "t.cfg:8: error: 'http-request' in frontend 'f' expects an action, one of 'add-header', 'allow', 'auth', 'del-header', 'deny', 'redirect', 'replace-header', 'replace-path', 'return', 'set-header', 'set-path' or 'use-service' (got nothing)",
        "t.cfg:9: error: 'http-request' in frontend 'f' has unknown action 'frob', expects one of 'add-header', 'allow', 'auth', 'del-header', 'deny', 'redirect', 'replace-header', 'replace-path', 'return', 'set-header', 'set-path' or 'use-service'",
        "t.cfg:10: error: 'http-request' in frontend 'f' has unknown action 'add-hedaer', expects one of 'add-header', 'allow', 'auth', 'del-header', 'deny', 'redirect', 'replace-header', 'replace-path', 'return', 'set-header', 'set-path' or 'use-service'; did you mean 'add-header'?",
        "t.cfg:11: error: 'http-request tarpit' in frontend 'f' is not supported yet; supported actions: 'add-header', 'allow', 'auth', 'del-header', 'deny', 'redirect', 'replace-header', 'replace-path', 'return', 'set-header', 'set-path' and 'use-service'",
        "t.cfg:12: error: 'http-request set-var(txn.a)' in frontend 'f' is not supported yet; supported actions: 'add-header', 'allow', 'auth', 'del-header', 'deny', 'redirect', 'replace-header', 'replace-path', 'return', 'set-header', 'set-path' and 'use-service'");

    [Fact]
    public void LoadText_HttpResponseUnsupportedAction_ListsResponseActions() => AssertDiagnostics(
        ["http-response return status 200"],
        "t.cfg:8: error: 'http-response return' in frontend 'f' is not supported yet; supported actions: 'add-header', 'allow', 'del-header', 'deny', 'replace-header', 'set-header' and 'set-status'");

    [Fact]
    public void LoadText_HeaderActionArguments() => AssertDiagnostics(
        ["http-request add-header", "http-request add-header X-A", "http-request set-header X a b", "http-request add-header X-A if TRUE",
         "http-request del-header X -m foo", "http-request replace-header X ( y", "http-request add-header X %zz"],
        "t.cfg:8: error: 'http-request add-header' in frontend 'f' expects a header name and a value (got nothing)",
        "t.cfg:9: error: 'http-request add-header' in frontend 'f' expects a header name and a value (got 'X-A')",
        "t.cfg:10: error: 'http-request set-header' in frontend 'f' expects 'if' or 'unless' followed by a condition (got 'b')",
        "t.cfg:11: error: 'http-request add-header' in frontend 'f' expects a header name and a value (got 'X-A')",
        "t.cfg:12: error: 'http-request del-header' in frontend 'f': '-m' expects one of 'str', 'beg', 'end', 'sub' or 'reg' (got 'foo')",
        "t.cfg:13: error: 'http-request replace-header' in frontend 'f' has an invalid regex '(': Invalid pattern '(' at offset 1. Not enough )'s.",
        "t.cfg:14: error: 'http-request add-header' in frontend 'f': no such log-format variable '%zz' (write '%%' for a literal '%')");

    [Fact]
    public void LoadText_ReplyOptions() => AssertDiagnostics(
        ["http-request deny deny_status 418", "http-request return status 700", "http-request deny status", "http-request return stauts 200",
         "http-request return status 404 file /nonexistent/page.html", "http-request deny deny_status 418 string teapot if FALSE"],
        "t.cfg:8: error: 'http-request deny' in frontend 'f': status 418 has no error page to send; add a body ('string', 'lf-string' or 'file') or use one of 200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 425, 429, 500, 501, 502, 503, 504",
        "t.cfg:9: error: 'http-request return' in frontend 'f': 'status' expects a status code from 200 to 599 (got '700')",
        "t.cfg:10: error: 'http-request deny' in frontend 'f': 'status' expects a value (got nothing)",
        "t.cfg:11: error: 'http-request return' in frontend 'f' expects one of 'status', 'deny_status', 'content-type', 'string', 'lf-string', 'file' or 'hdr', or 'if'/'unless' and a condition (got 'stauts'); did you mean 'status'?",
        "t.cfg:12: error: 'http-request return' in frontend 'f' cannot read body file '/nonexistent/page.html': no such file");

    [Fact]
    public void LoadText_RedirectProblems() => AssertDiagnostics(
        ["http-request redirect scheme", "redirect", "redirect to /x", "redirect location", "redirect location /x code 304", "redirect location /x cod 301",
         "redirect location /x set-cookie"],
        "t.cfg:8: error: 'http-request redirect' in frontend 'f' expects 'location', 'prefix' or 'scheme' followed by a target (got nothing)",
        "t.cfg:9: error: 'redirect' in frontend 'f' expects 'location', 'prefix' or 'scheme' followed by a target (got nothing)",
        "t.cfg:10: error: 'redirect' in frontend 'f' expects 'location', 'prefix' or 'scheme' followed by a target (got 'to')",
        "t.cfg:11: error: 'redirect' in frontend 'f' expects 'location', 'prefix' or 'scheme' followed by a target (got nothing)",
        "t.cfg:12: error: 'redirect' in frontend 'f': 'code' expects one of 301, 302, 303, 307 or 308 (got '304')",
        "t.cfg:13: error: 'redirect' in frontend 'f' expects one of 'code', 'drop-query', 'append-slash', 'set-cookie' or 'clear-cookie', or 'if'/'unless' and a condition (got 'cod'); did you mean 'code'?",
        "t.cfg:14: error: 'redirect' in frontend 'f': 'set-cookie' expects a cookie name (got nothing)");

    [Fact]
    public void LoadText_UseBackendProblems() => AssertDiagnostics(
        ["use_backend", "use_backend if TRUE", "use_backend api when TRUE", "use_backend %[req.hdr(host),lowr]"],
        "t.cfg:8: error: 'use_backend' in frontend 'f' expects a backend name (got nothing)",
        "t.cfg:9: error: 'use_backend' in frontend 'f' expects a backend name (got nothing)",
        "t.cfg:10: error: 'use_backend' in frontend 'f' expects 'if' or 'unless' followed by a condition (got 'when')",
        "t.cfg:11: error: 'use_backend' in frontend 'f' uses unknown converter 'lowr', expects one of 'lower', 'upper' or 'base64'; did you mean 'lower'?");

    [Fact]
    public void LoadText_RulesOutOfEvaluationOrder_WarnLikeHaproxy() => AssertDiagnostics(
        ["use_backend api if { path_beg /api }", "redirect scheme https if !{ ssl_fc }", "http-request add-header X-A b"],
        "t.cfg:9: warning: 'redirect' in frontend 'f' is placed after the 'use_backend' rule at t.cfg:8 but is processed before it; move it above to match the order of evaluation",
        "t.cfg:10: warning: 'http-request' in frontend 'f' is placed after the 'redirect' rule at t.cfg:9 but is processed before it; move it above to match the order of evaluation");

    [Fact]
    public void LoadText_HttpRequestAfterUseBackend_Warns() => AssertDiagnostics(
        ["use_backend api if TRUE", "http-request add-header X-A b"],
        "t.cfg:9: warning: 'http-request' in frontend 'f' is placed after the 'use_backend' rule at t.cfg:8 but is processed before it; move it above to match the order of evaluation");

    [Fact]
    public void LoadText_RuleAfterUnconditionalFinalRule_IsNeverEvaluated() => AssertDiagnostics(
        ["http-request deny deny_status 403", "http-request add-header X-A b", "http-request allow", "http-response allow if TRUE", "http-response del-header Server"],
        "t.cfg:9: warning: 'http-request' rule in frontend 'f' is never evaluated: 'http-request deny' at t.cfg:8 has no condition and ends the rule list",
        "t.cfg:10: warning: 'http-request' rule in frontend 'f' is never evaluated: 'http-request deny' at t.cfg:8 has no condition and ends the rule list");

    [Fact]
    public void LoadText_RulesInOrder_HaveNoDiagnostic() => Assert.Empty(AclTestHelper.Diagnostics(
        "http-request set-header X-Forwarded-Proto https if { ssl_fc }", "redirect scheme https if !{ ssl_fc }", "use_backend api if { path_beg /api }"));
}
