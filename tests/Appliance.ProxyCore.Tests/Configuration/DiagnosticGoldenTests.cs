namespace Appliance.ProxyCore.Tests.Configuration;

/// <summary>
/// Bad inputs and the exact diagnostics they produce. The texts are spelled out here on purpose: these tests pin the
/// wording operators see. Differences from `haproxy -c` (2.6.12) are noted where they exist.
/// </summary>
public class DiagnosticGoldenTests
{
    private const string Be = "    timeout connect 1s\n    timeout server 1s\n";
    private const string Fe = "    timeout client 1s\n";

    private static void AssertDiagnostics(string text, params string[] expected) =>
        Assert.Equal(expected, ConfigTestHelper.Diagnostics(text));

    [Fact]
    public void LoadText_MisspeltKeyword_SuggestsNearest() => AssertDiagnostics(
        "frontend ft\n    bind :80\n    defualt_backend web\n" + Fe,
        "t.cfg:3: error: unknown keyword 'defualt_backend' in frontend 'ft'; did you mean 'default_backend'?");

    [Fact]
    public void LoadText_UnknownKeywordFarFromAll_HasNoHint() => AssertDiagnostics(
        "backend b\n    frobnicate yes\n",
        "t.cfg:2: error: unknown keyword 'frobnicate' in backend 'b'");

    [Fact]
    public void LoadText_MisspeltSectionInsideSection_SuggestsSection() => AssertDiagnostics(
        "backend b\nbackedn c\n",
        "t.cfg:2: error: unknown keyword 'backedn' in backend 'b'; did you mean 'backend'?");

    [Fact]
    public void LoadText_LinesBeforeAnySection_AreErrors() => AssertDiagnostics(
        "maxconn 10\nfronted f\nglobal\n",
        "t.cfg:1: error: 'maxconn' appears before any section; a configuration starts with a section such as 'global', 'defaults', 'frontend', 'backend' or 'listen'",
        "t.cfg:2: error: unknown section 'fronted'; did you mean 'frontend'?");

    [Fact]
    public void LoadText_BalanceSplitInWords_SuggestsJoinedName() => AssertDiagnostics(
        "backend b\n    balance round robin\n",
        "t.cfg:2: error: 'balance' in backend 'b' expects one of 'roundrobin', 'static-rr', 'leastconn', 'source', 'first', 'uri', 'hdr' or 'random' (got 'round'); did you mean 'roundrobin'?");

    [Fact]
    public void LoadText_BalanceMisspelt_SuggestsNearest() => AssertDiagnostics(
        "backend b\n    balance leastcon\nbackend c\n    balance static rr\n",
        "t.cfg:2: error: 'balance' in backend 'b' expects one of 'roundrobin', 'static-rr', 'leastconn', 'source', 'first', 'uri', 'hdr' or 'random' (got 'leastcon'); did you mean 'leastconn'?",
        "t.cfg:4: error: 'balance' in backend 'c' expects one of 'roundrobin', 'static-rr', 'leastconn', 'source', 'first', 'uri', 'hdr' or 'random' (got 'static'); did you mean 'static-rr'?");

    [Fact]
    public void LoadText_BalanceArguments_CheckedByPolicy() => AssertDiagnostics(
        "backend b\n    balance hdr()\nbackend c\n    balance roundrobin extra\nbackend d\n    balance hdr(Host) use_domain_only\n",
        $"t.cfg:2: error: 'balance hdr' in backend 'b': {ConfigTestHelper.HdrNeedsName}",
        $"t.cfg:4: error: 'balance roundrobin' in backend 'c': {ConfigTestHelper.NoArguments}");

    [Fact]
    public void LoadText_BalanceInDefaults_ReportedOnceAgainstDefaults() => AssertDiagnostics(
        "defaults\n    balance rondrobin\nbackend a\nbackend b\n",
        "t.cfg:2: error: 'balance' in defaults section expects one of 'roundrobin', 'static-rr', 'leastconn', 'source', 'first', 'uri', 'hdr' or 'random' (got 'rondrobin'); did you mean 'roundrobin'?");

    [Fact]
    public void LoadText_RemovedRequestDirectives_NameVersionAndReplacement() => AssertDiagnostics(
        "frontend f\n    bind :80\n" + Fe + "    reqadd X-Proto:\\ https\n    reqirep ^Host:\\ a Host:\\ b\n    rspdel ^Server:.*\n    block if { src 10.0.0.1 }\n    reqsetbe ^Host:\\ a b\n",
        "t.cfg:4: error: 'reqadd' was removed in HAProxy 2.1; use 'http-request add-header'",
        "t.cfg:5: error: 'reqirep' was removed in HAProxy 2.1; use 'http-request replace-header', 'http-request replace-uri' or 'http-request replace-path'",
        "t.cfg:6: error: 'rspdel' was removed in HAProxy 2.1; use 'http-response del-header'",
        "t.cfg:7: error: 'block' was removed in HAProxy 2.1; use 'http-request deny', which takes the same condition",
        "t.cfg:8: error: 'reqsetbe' was removed in HAProxy 2.1; use 'use_backend NAME if CONDITION'");

    [Fact]
    public void LoadText_RemovedTimeoutsAndOptions_NameVersionAndReplacement() => AssertDiagnostics(
        "global\n    nbproc 2\nbackend b\n    clitimeout 5s\n    srvtimeout 5s\n    contimeout 5s\n    redispatch\n    option forceclose\n    option http-tunnel\n    monitor-net 10.0.0.0/8\n    mode health\n",
        "t.cfg:2: error: 'nbproc' was removed in HAProxy 2.5; remove it; threads are used on multi-processor machines ('nbthread' sets their number)",
        "t.cfg:4: error: 'clitimeout' was removed in HAProxy 2.1; use 'timeout client'",
        "t.cfg:5: error: 'srvtimeout' was removed in HAProxy 2.1; use 'timeout server'",
        "t.cfg:6: error: 'contimeout' was removed in HAProxy 2.1; use 'timeout connect'",
        "t.cfg:7: error: 'redispatch' was removed in HAProxy 2.1; use 'option redispatch'",
        "t.cfg:8: error: 'option forceclose' was removed in HAProxy 2.0; remove it, or use 'option httpclose' if really needed",
        "t.cfg:9: error: 'option http-tunnel' was removed in HAProxy 2.1; remove it; it is no longer needed",
        "t.cfg:10: error: 'monitor-net' was removed in HAProxy 2.4; use 'http-request return status 200 if { src NETWORK }'",
        "t.cfg:11: error: 'mode health' was removed in HAProxy 2.4; use 'http-request return status 200' in an HTTP frontend, or 'monitor-uri'");

    [Fact]
    public void LoadText_ServerKeywordInAddressPlace_SaysSo() => AssertDiagnostics(
        "backend b\n" + Be + "    server ams1 check\n    server ams2\n    server\n",
        "t.cfg:4: error: server 'ams1' in backend 'b' expects an address after its name (got 'check', which is a server keyword)",
        "t.cfg:5: error: server 'ams2' in backend 'b' expects an address after its name (got nothing)",
        "t.cfg:6: error: 'server' in backend 'b' expects a name and an address (got nothing)");

    [Fact]
    public void LoadText_ServerAddressWithPath_IsRefused() => AssertDiagnostics(
        "backend b\n" + Be + "    server s1 10.0.0.5:30808/clickCount\n",
        "t.cfg:4: error: server 's1' in backend 'b' has an invalid address '10.0.0.5:30808/clickCount': an address has no path (got '/clickCount'); HAProxy ignores it silently, this parser refuses it: remove it");

    [Fact]
    public void LoadText_DuplicateServerNamesAndCookies_ReportBothLines() => AssertDiagnostics(
        "backend b\n    mode http\n" + Be + "    server s1 10.0.0.1:80 cookie a\n    server s1 10.0.0.2:80 cookie b\n    server s3 10.0.0.3:80 cookie a\n",
        "t.cfg:6: error: server 's1' in backend 'b' is declared twice (first at t.cfg:5); server names must be unique within a backend",
        "t.cfg:7: error: server 's3' in backend 'b' has cookie 'a' like server 's1' at t.cfg:5; cookie persistence could not tell them apart");

    [Fact]
    public void LoadText_UnknownBackendReferences_SuggestNearestName() => AssertDiagnostics(
        "frontend f\n    bind :80\n" + Fe + "    default_backend wbe\n    use_backend apii if { path_beg /api }\n    use_backend %[req.hdr(host)]\n    use_backend ft if TRUE\n" +
        "frontend ft\n    bind :81\n" + Fe + "    default_backend web\nbackend web\nbackend api\n",
        "t.cfg:4: error: 'default_backend' in frontend 'f' names backend 'wbe', which does not exist; did you mean 'web'?",
        "t.cfg:5: error: 'use_backend' in frontend 'f' names backend 'apii', which does not exist; did you mean 'api'?",
        "t.cfg:7: error: 'use_backend' in frontend 'f' names 'ft', which is a frontend; it must name a backend or a listen section");

    [Fact]
    public void LoadText_PortsOutOfRange_AreErrors() => AssertDiagnostics(
        "frontend f\n    bind :80\n    bind :0\n    bind *:65536\n    bind :http\n    bind 10.0.0.1\n" + Fe + "    default_backend b\nbackend b\n" + Be +
        "    server s1 10.0.0.1:0\n    server s2 10.0.0.1:70000 port 0 agent-check agent-port x\n",
        "t.cfg:3: error: 'bind' in frontend 'f' expects a port from 1 to 65535 (got '0')",
        "t.cfg:4: error: 'bind' in frontend 'f' expects a port from 1 to 65535 (got '65536')",
        "t.cfg:5: error: 'bind' in frontend 'f' expects a port from 1 to 65535 (got 'http')",
        "t.cfg:6: error: 'bind' in frontend 'f' expects an address with a port such as '*:80' (got '10.0.0.1')",
        "t.cfg:12: error: 'server' on server 's1' in backend 'b' expects a port from 1 to 65535 (got '0')",
        "t.cfg:13: error: 'port' on server 's2' in backend 'b' expects a port from 1 to 65535 (got '0')",
        "t.cfg:13: error: 'agent-port' on server 's2' in backend 'b' expects a port from 1 to 65535 (got 'x')",
        "t.cfg:13: error: 'server' on server 's2' in backend 'b' expects a port from 1 to 65535 (got '70000')",
        "t.cfg:13: error: server 's2' in backend 'b' has 'agent-check' but no 'agent-port'; the agent has no default port, add 'agent-port PORT'");

    [Fact]
    public void LoadText_BadNumbersAndTimes_AreErrors() => AssertDiagnostics(
        "defaults\n    timeout client 5x\n    timeout connect 30d\n    retries -1\n    timeout clinet 5s\nbackend b\n" +
        "    server s 10.0.0.1:80 weight 300 inter 2k rise 0\n    maxconn 10\n",
        "t.cfg:2: error: 'timeout client' in defaults section expects a time like 5000, 5s or 2m (units us, ms, s, m, h, d; a bare number is milliseconds) (got '5x')",
        "t.cfg:3: error: 'timeout connect' in defaults section expects at most 2147483647 ms (~24.8 days) (got '30d')",
        "t.cfg:4: error: 'retries' in defaults section expects an integer of at least 0 (got '-1')",
        "t.cfg:5: error: 'timeout' in defaults section expects one of 'client', 'server', 'connect', 'check', 'queue', 'http-keep-alive', 'http-request', 'tunnel', 'client-fin', 'server-fin' or 'tarpit' (got 'clinet'); did you mean 'client'?",
        "t.cfg:7: error: 'weight' on server 's' in backend 'b' expects an integer from 0 to 256 (got '300')",
        "t.cfg:7: error: 'inter' on server 's' in backend 'b' expects a time like 5000, 5s or 2m (units us, ms, s, m, h, d; a bare number is milliseconds) (got '2k')",
        "t.cfg:7: error: 'rise' on server 's' in backend 'b' expects an integer of at least 1 (got '0')",
        "t.cfg:8: error: 'maxconn' is not allowed in backend 'b'; it is allowed in: defaults, frontend, listen");

    [Fact]
    public void LoadText_UnknownServerKeyword_SuggestsNearest() => AssertDiagnostics(
        "backend b\n" + Be + "    server s 10.0.0.1:80 chek inter\n    default-server agent-inetr 5s\n",
        "t.cfg:4: error: unknown server keyword 'chek' on server 's' in backend 'b'; did you mean 'check'?",
        "t.cfg:4: error: 'inter' on server 's' in backend 'b' expects a value (got nothing)",
        "t.cfg:5: error: unknown server keyword 'agent-inetr' on default-server in backend 'b'; did you mean 'agent-inter'?",
        "t.cfg:5: error: unknown server keyword '5s' on default-server in backend 'b'");

    [Fact]
    public void LoadText_KeywordsInWrongSection_NameAllowedSections() => AssertDiagnostics(
        "frontend f\n    bind :80\n" + Fe + "    server s 10.0.0.1:80\n    balance roundrobin\nbackend b\n" + Be + "    bind :81\n    default_backend x\n    timeout client 1s\n" +
        "defaults\n    acl a src 10.0.0.1\n",
        "t.cfg:4: error: 'server' is not allowed in frontend 'f'; it is allowed in: backend, listen",
        "t.cfg:5: error: 'balance' is not allowed in frontend 'f'; it is allowed in: defaults, backend, listen",
        "t.cfg:9: error: 'bind' is not allowed in backend 'b'; it is allowed in: frontend, listen",
        "t.cfg:10: error: 'default_backend' is not allowed in backend 'b'; it is allowed in: defaults, frontend, listen",
        "t.cfg:11: error: 'timeout client' is not allowed in backend 'b'; it is allowed in: defaults, frontend, listen",
        "t.cfg:13: error: 'acl' is not allowed in defaults section; it is allowed in: frontend, backend, listen");

    [Fact]
    public void LoadText_FrontendWithoutBind_IsAnError() => AssertDiagnostics(
        "frontend x\n" + Fe + "listen y\n" + Fe + "frontend z\n    disabled\n",
        "t.cfg:1: error: frontend 'x' has no 'bind' line; declare it as a backend if that was intended",
        "t.cfg:3: error: listen 'y' has no 'bind' line; declare it as a backend if that was intended");

    [Fact]
    public void LoadText_DuplicateProxyNames_NameBothLines() => AssertDiagnostics(
        "backend x\nbackend x\nfrontend x\n    bind :1\n" + Fe + "listen x\n    bind :2\n" + Fe + "frontend y\n    bind :3\n" + Fe + "frontend y\n    bind :4\n" + Fe,
        "t.cfg:2: error: backend 'x' has the same name as backend 'x' declared at t.cfg:1",
        "t.cfg:6: error: listen 'x' has the same name as backend 'x' declared at t.cfg:1",
        "t.cfg:12: error: frontend 'y' has the same name as frontend 'y' declared at t.cfg:9");

    [Fact]
    public void LoadText_MissingTimeouts_WarnWithTheirNames() => AssertDiagnostics(
        "frontend f\n    bind :80\n    default_backend b\nbackend b\n    server s 10.0.0.1:80\nbackend t\n    timeout connect 1s\n    timeout tunnel 1h\n    server s 10.0.0.1:80\n" +
        "backend h\n    mode http\n    timeout connect 1s\n    timeout server 0\n    server s 10.0.0.1:80\nbackend empty\n",
        "t.cfg:1: warning: missing timeouts for frontend 'f': 'timeout client' is not set; a stalled peer would hold its connection forever, set them to a non-zero value",
        "t.cfg:4: warning: missing timeouts for backend 'b': 'timeout connect' and 'timeout server' are not set; a stalled peer would hold its connection forever, set them to a non-zero value",
        "t.cfg:10: warning: missing timeouts for backend 'h': 'timeout server' is not set; a stalled peer would hold its connection forever, set them to a non-zero value");

    [Fact]
    public void LoadText_HttpFeaturesInTcpMode_Warn() => AssertDiagnostics(
        "defaults\n    log global\n    option httplog\n    option forwardfor\n" + Fe + Be +
        "frontend f\n    bind :80\n    default_backend b\n    http-request deny\n    http-request allow\n    redirect location /\n    stats uri /s\n" +
        "backend b\n    cookie SRV insert\n    server s1 10.0.0.1:80 cookie a\n",
        "t.cfg:8: warning: 'option httplog' is not usable in frontend 'f' (needs 'mode http'); falling back to 'option tcplog'",
        "t.cfg:8: warning: 'option forwardfor' is ignored in frontend 'f' because it requires 'mode http'",
        "t.cfg:11: warning: 'http-request' is ignored in frontend 'f' because it requires 'mode http'",
        "t.cfg:13: warning: 'redirect' is ignored in frontend 'f' because it requires 'mode http'",
        "t.cfg:14: warning: 'stats' is ignored in frontend 'f' because it requires 'mode http'",
        "t.cfg:15: warning: 'option forwardfor' is ignored in backend 'b' because it requires 'mode http'",
        "t.cfg:16: warning: 'cookie' is ignored in backend 'b' because it requires 'mode http'",
        "t.cfg:17: warning: cookie of server 's1' is ignored in backend 'b' because it requires 'mode http'");

    [Fact]
    public void LoadText_LogFormatWithoutLogLine_Warns() => AssertDiagnostics(
        "frontend f\n    bind :80\n" + Fe + "    option tcplog\nfrontend g\n    bind :81\n" + Fe + "    option tcplog\n    log 127.0.0.1:514 local0\n",
        "t.cfg:1: warning: 'option tcplog' has no effect in frontend 'f' because it has no 'log' line");

    [Fact]
    public void LoadText_BadModeAndOptions_AreErrors() => AssertDiagnostics(
        "backend b\n    mode htp\n    option redispach\n    no option\n    no foo\n    log 127.0.0.1 locl0\n    hash-type consistant\n",
        "t.cfg:2: error: 'mode' in backend 'b' expects one of 'tcp' or 'http' (got 'htp'); did you mean 'http'?",
        "t.cfg:3: error: unknown option 'redispach' in backend 'b'; did you mean 'redispatch'?",
        "t.cfg:4: error: 'no option' in backend 'b' expects an option name (got nothing)",
        "t.cfg:5: error: 'no' in backend 'b' expects 'option NAME' or 'log' (got 'foo')",
        "t.cfg:6: error: 'log' in backend 'b' expects a syslog facility such as 'local0' after the target (got 'locl0'); did you mean 'local0'?",
        "t.cfg:7: error: 'hash-type' in backend 'b' expects one of 'map-based' or 'consistent' (got 'consistant'); did you mean 'consistent'?");

    [Fact]
    public void LoadText_BadSectionHeaders_AreErrors() => AssertDiagnostics(
        "defaults base\nbackend\nbackend a from nothere\nfrontend f extra\n    bind :1\n" + Fe + "backend b/c\n",
        "t.cfg:2: error: 'backend' expects a name",
        "t.cfg:3: error: 'backend ... from nothere' names no defaults section declared before it",
        "t.cfg:4: error: 'frontend' expects NAME [from DEFAULTS] (got 'extra')",
        "t.cfg:7: error: backend name 'b/c' contains an invalid character (allowed: letters, digits, '-', '_', '.', ':')");
}
