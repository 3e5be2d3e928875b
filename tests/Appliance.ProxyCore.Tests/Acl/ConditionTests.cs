using Appliance.ProxyCore.Rules;

namespace Appliance.ProxyCore.Tests.Acl;

/// <summary>Conditions: implicit AND, '||'/'or', '!', anonymous ACLs, unless; and their diagnostics.</summary>
public class ConditionTests
{
    private static readonly string[] Acls = ["acl a hdr(X-A) -m found", "acl b hdr(X-B) -m found", "acl c hdr(X-C) -m found"];

    /// <summary>True when 'use_backend api COND' picks api for a request carrying the given headers.</summary>
    private static bool Holds(string condition, params string[] present)
    {
        var rules = AclTestHelper.Rules([.. Acls, $"use_backend api {condition}"]);
        var request = new TestRequest(headers: [.. present.Select(h => ($"X-{h.ToUpperInvariant()}", "1"))]);
        return rules.ResolveBackend(new HttpTransaction(request)) == "api";
    }

    [Theory]
    [InlineData("if a b", new[] { "a", "b" }, true)]
    [InlineData("if a b", new[] { "a" }, false)]
    [InlineData("if a || b", new[] { "b" }, true)]
    [InlineData("if a or b", new[] { "b" }, true)]
    [InlineData("if a || b", new string[0], false)]
    [InlineData("if a b || c", new[] { "c" }, true)]
    [InlineData("if a b || c", new[] { "a" }, false)]
    [InlineData("if a || b c", new[] { "a" }, true)]
    [InlineData("if a || b c", new[] { "b" }, false)]
    [InlineData("if !a", new string[0], true)]
    [InlineData("if ! a", new[] { "a" }, false)]
    [InlineData("if !a b", new[] { "b" }, true)]
    [InlineData("if !!a", new[] { "a" }, true)]
    [InlineData("unless a", new[] { "a" }, false)]
    [InlineData("unless a", new string[0], true)]
    [InlineData("unless a || b", new[] { "b" }, false)]
    [InlineData("if { hdr(X-A) -m found } b", new[] { "a", "b" }, true)]
    [InlineData("if !{ hdr(X-A) -m found }", new[] { "a" }, false)]
    [InlineData("if ! { hdr(X-A) -m found }", new string[0], true)]
    [InlineData("if { hdr(X-Z) -m found } || c", new[] { "c" }, true)]
    public void ResolveBackend_Condition_FollowsHaproxyPrecedence(string condition, string[] present, bool expected) =>
        Assert.Equal(expected, Holds(condition, present));

    [Fact]
    public void Compile_Condition_GroupsAndTermsReadBack()
    {
        var rule = AclTestHelper.Rules([.. Acls, "use_backend api if a !b || c"]).SwitchingRules[0];

        Assert.Equal("if a !b || c", rule.Condition!.ToString());
    }

    private static void AssertDiagnostics(string[] lines, params string[] expected) =>
        Assert.Equal(expected, AclTestHelper.Diagnostics(lines));

    [Fact]
    public void LoadText_UnknownAcl_SuggestsNearestDeclared() => AssertDiagnostics(
        ["acl is_websocket hdr(Upgrade) -i WebSocket", "use_backend ws if is_websocet"],
        "t.cfg:9: error: 'use_backend' in frontend 'f' uses ACL 'is_websocet', which is not declared in this section; did you mean 'is_websocket'?");

    [Fact]
    public void LoadText_AclUsedBeforeDeclaration_SaysWhereItIsDeclared() => AssertDiagnostics(
        ["use_backend api if later", "acl later path /x"],
        "t.cfg:8: error: 'use_backend' in frontend 'f' uses ACL 'later' before it is declared (at t.cfg:9); move the 'acl' line above this one");

    [Fact]
    public void LoadText_BracesNotSeparateWords_Explains() => AssertDiagnostics(
        ["use_backend api if {ssl_fc}"],
        "t.cfg:8: error: 'use_backend' in frontend 'f': '{ssl_fc}' is not an ACL name; braces of an anonymous ACL are separate words, as in '{ ssl_fc }'");

    [Fact]
    public void LoadText_ConditionShapeErrors() => AssertDiagnostics(
        ["use_backend api if", "use_backend api if { ssl_fc", "use_backend api if || TRUE", "use_backend api if TRUE ||", "use_backend api if !", "use_backend api when TRUE"],
        "t.cfg:8: error: 'use_backend' in frontend 'f': 'if' expects a condition (got nothing)",
        "t.cfg:9: error: 'use_backend' in frontend 'f': anonymous ACL opened with '{' is never closed with '}'",
        "t.cfg:10: error: 'use_backend' in frontend 'f': '||' expects an ACL after it",
        "t.cfg:11: error: 'use_backend' in frontend 'f': '||' expects an ACL after it",
        "t.cfg:12: error: 'use_backend' in frontend 'f': '!' expects an ACL after it",
        "t.cfg:13: error: 'use_backend' in frontend 'f' expects 'if' or 'unless' followed by a condition (got 'when')");

    [Fact]
    public void LoadText_BadAnonymousAcl_NamesItsRule() => AssertDiagnostics(
        ["http-request deny if { pth /admin }"],
        "t.cfg:8: error: anonymous ACL '{ pth /admin }' of 'http-request deny' in frontend 'f' uses unknown fetch 'pth' (docs/configuration.md lists the supported fetches); did you mean 'path'?");

    [Fact]
    public void LoadText_UnsupportedPredefinedAcl_SaysSo() => AssertDiagnostics(
        ["use_backend api if WAIT_END"],
        "t.cfg:8: error: 'use_backend' in frontend 'f' uses predefined ACL 'WAIT_END', which this build does not support (it needs content inspection)");
}
