namespace Appliance.ProxyCore.Tests.Acl;

/// <summary>Bad ACL lines and conditions, and the exact diagnostics they produce (frontend lines start at line 8).</summary>
public class AclDiagnosticTests
{
    private static void AssertDiagnostics(string[] lines, params string[] expected) =>
        Assert.Equal(expected, AclTestHelper.Diagnostics(lines));

    [Fact]
    public void LoadText_UnknownFetch_SuggestsNearest() => AssertDiagnostics(
        ["acl foo pth /x"],
        "t.cfg:8: error: ACL 'foo' in frontend 'f' uses unknown fetch 'pth' (docs/configuration.md lists the supported fetches); did you mean 'path'?");

    [Fact]
    public void LoadText_BadRegex_QuotesTheRegexEngine() => AssertDiagnostics(
        ["acl baz path_reg ("],
        "t.cfg:8: error: ACL 'baz' in frontend 'f' has an invalid regex '(': Invalid pattern '(' at offset 1. Not enough )'s.");

    [Fact]
    public void LoadText_UnknownMatchingMethod_ListsMethods() => AssertDiagnostics(
        ["acl m path -m bge /x"],
        "t.cfg:8: error: ACL 'm' in frontend 'f': '-m' expects one of 'found', 'bool', 'int', 'ip', 'str', 'beg', 'end', 'sub', 'reg', 'dom', 'dir' or 'len' (got 'bge'); did you mean 'beg'?");

    [Fact]
    public void LoadText_BadAddress_SaysWhatIsExpected() => AssertDiagnostics(
        ["acl n src 10.0.0.300"],
        "t.cfg:8: error: ACL 'n' in frontend 'f' expects an IPv4 or IPv6 address or network such as '10.0.0.0/8' or '2001:db8::/32' (got '10.0.0.300'); host names are not resolved");

    [Fact]
    public void LoadText_BadPrefixLength_IsAnError() => AssertDiagnostics(
        ["acl n src 10.0.0.0/33"],
        "t.cfg:8: error: ACL 'n' in frontend 'f' expects an IPv4 or IPv6 address or network such as '10.0.0.0/8' or '2001:db8::/32' (got '10.0.0.0/33'); host names are not resolved");

    [Fact]
    public void LoadText_BadPortRange_SaysWhatIsExpected() => AssertDiagnostics(
        ["acl p dst_port 80:x", "acl q dst_port 90:80", "acl r hdr_cnt(x) gt"],
        "t.cfg:8: error: ACL 'p' in frontend 'f' expects an integer, a range such as '80:90', or 'eq|ge|gt|le|lt N' (got '80:x')",
        "t.cfg:9: error: ACL 'q' in frontend 'f' expects an integer, a range such as '80:90', or 'eq|ge|gt|le|lt N' (got '90:80')",
        "t.cfg:10: error: ACL 'r' in frontend 'f' expects an integer, a range such as '80:90', or 'eq|ge|gt|le|lt N' (got 'gt')");

    [Fact]
    public void LoadText_FoundWithPattern_IsAnError() => AssertDiagnostics(
        ["acl k hdr(Sec-WebSocket-Key) -m found yes", "acl s ssl_fc 1"],
        "t.cfg:8: error: ACL 'k' in frontend 'f': '-m found' takes no pattern (got 'yes')",
        "t.cfg:9: error: ACL 's' in frontend 'f': '-m bool' takes no pattern (got '1')");

    [Fact]
    public void LoadText_NoPattern_WarnsLikeHaproxy() => AssertDiagnostics(
        ["acl e path", "acl d path --"],
        "t.cfg:8: warning: ACL 'e' in frontend 'f': 'path' has no value to match, so it never matches; use '-m found' to test for presence, or add '--' if this is intended");

    [Fact]
    public void LoadText_FlagProblems_AreErrors() => AssertDiagnostics(
        ["acl a path -x /a", "acl b path -m", "acl c path -f"],
        "t.cfg:8: error: ACL 'a' in frontend 'f' has unknown flag '-x' (expects '-i', '-m METHOD', '-f FILE', '-n' or '--'); to match a value that starts with '-', put '--' before it",
        "t.cfg:9: error: ACL 'b' in frontend 'f': '-m' expects a matching method (got nothing)",
        "t.cfg:10: error: ACL 'c' in frontend 'f': '-f' expects a file name (got nothing)");

    [Fact]
    public void LoadText_FetchArguments_AreChecked() => AssertDiagnostics(
        ["acl a hdr() x", "acl b hdr(host,0) x", "acl c path(x) /", "acl d req.cook /", "acl e req.hdr(host),lowr x", "acl f hdr(host x"],
        "t.cfg:8: error: ACL 'a' in frontend 'f': 'hdr' expects a header name, as in 'hdr(host)' (got '')",
        "t.cfg:9: error: ACL 'b' in frontend 'f': 'hdr' expects a header name and an optional non-zero occurrence, as in 'hdr(x-forwarded-for,-1)' (got 'host,0')",
        "t.cfg:10: error: ACL 'c' in frontend 'f': 'path' takes no argument (got '(x)')",
        "t.cfg:11: error: ACL 'd' in frontend 'f': 'req.cook' expects a cookie name, as in 'req.cook(SESSIONID)' (got '')",
        "t.cfg:12: error: ACL 'e' in frontend 'f' uses unknown converter 'lowr', expects one of 'lower', 'upper' or 'base64'; did you mean 'lower'?",
        "t.cfg:13: error: ACL 'f' in frontend 'f' has unbalanced parentheses in 'hdr(host' (expects 'fetch(args),converter', e.g. 'req.hdr(host),lower')");

    [Fact]
    public void LoadText_AclWithoutFetchOrWithBadName_IsAnError() => AssertDiagnostics(
        ["acl", "acl lonely", "acl bad/name path /"],
        "t.cfg:8: error: 'acl' in frontend 'f' expects a name and a fetch such as 'path_beg /api' (got nothing)",
        "t.cfg:9: error: ACL 'lonely' in frontend 'f' expects a fetch such as 'path_beg' followed by flags and values (got nothing)",
        "t.cfg:10: error: 'acl' in frontend 'f' has an invalid name 'bad/name' (allowed: letters, digits, '-', '_', '.', ':')");
}
