using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Stats;

namespace Appliance.ProxyCore.Tests.Stats;

public class StatsConfigParserTests
{
    private static List<string> Diagnostics(string text) =>
        [.. ConfigLoader.LoadText(StatsTestModel.Defaults + "\n" + text, "t.cfg").Diagnostics.Select(d => d.ToString())];

    [Fact]
    public void Load_EveryKeyword_Applied()
    {
        var model = StatsTestModel.Load("""
            listen stats
                bind 127.0.0.1:1
                acl local src 127.0.0.1
                stats enable
                stats uri /admin?stats
                stats realm Haproxy\ Statistics
                stats auth admin:s3cret
                stats auth ops:pass:word
                stats hide-version
                stats refresh 10s
                stats admin if local
                stats show-node lb-a
                stats show-desc Front door
                stats show-legends
                stats scope .
                stats scope other
            backend other
                server s 127.0.0.1:80
            """);

        var stats = model.Stats("stats");

        Assert.Equal("/admin?stats", stats.Uri);
        Assert.Equal("Haproxy Statistics", stats.Realm);
        Assert.Equal([("admin", "s3cret"), ("ops", "pass:word")], stats.Credentials.Select(c => (c.User, c.Password)));
        Assert.True(stats.HideVersion);
        Assert.Equal(TimeSpan.FromSeconds(10), stats.Refresh);
        Assert.Equal("if local", stats.Admin!.ToString());
        Assert.True(stats.ShowNode);
        Assert.Equal("lb-a", stats.NodeName);
        Assert.Equal("Front door", stats.Description);
        Assert.True(stats.ShowLegends);
        Assert.Equal(["stats", "other"], stats.Scopes);
    }

    [Fact]
    public void Load_OneLine_HaproxyDefaults()
    {
        var stats = StatsTestModel.Load("listen s\n    bind 127.0.0.1:1\n    stats show-legends\n").Stats("s");

        Assert.Equal(StatsConfig.DefaultUri, stats.Uri);
        Assert.Equal("HAProxy Statistics", stats.Realm);
        Assert.Empty(stats.Credentials);
        Assert.Null(stats.Refresh);
        Assert.Null(stats.Admin);
        Assert.True(stats.InScope("anything"));
    }

    [Fact]
    public void Load_StatsInDefaults_InheritedByProxies()
    {
        var model = StatsTestModel.Load("""
            backend b
                server s 127.0.0.1:80
            defaults web
                mode http
                timeout connect 1s
                timeout client 5s
                timeout server 5s
                stats uri /s
            frontend f from web
                bind 127.0.0.1:1
                stats refresh 3s
            """);

        Assert.Equal("/s", model.Stats("f").Uri);
        Assert.Equal(TimeSpan.FromSeconds(3), model.Stats("f").Refresh);
        Assert.Null(model.Config.Proxies.First(p => p.Name == "b").Stats);
    }

    [Fact]
    public void Load_WithoutStatsLines_NoStats() =>
        Assert.Null(StatsTestModel.Load("frontend f\n    bind 127.0.0.1:1\n").Config.Proxies[0].Stats);

    [Fact]
    public void Load_BadStatsLines_EveryErrorWithItsLine() => Assert.Equal(
        [
            "t.cfg:8: error: 'stats' in listen 'l' expects a parameter, one of 'admin', 'auth', 'enable', 'hide-version', 'realm', 'refresh', 'scope', 'show-desc', 'show-legends', 'show-node' or 'uri' (got nothing)",
            "t.cfg:9: error: 'stats' in listen 'l' has unknown parameter 'refesh', expects one of 'admin', 'auth', 'enable', 'hide-version', 'realm', 'refresh', 'scope', 'show-desc', 'show-legends', 'show-node' or 'uri'; did you mean 'refresh'?",
            "t.cfg:10: error: 'stats uri' in listen 'l' expects a URI prefix such as '/stats' (got nothing)",
            "t.cfg:11: error: 'stats uri' in listen 'l' expects a URI prefix starting with '/' (got 'stats')",
            "t.cfg:12: error: 'stats realm' in listen 'l' expects a realm name (escape spaces: 'HAProxy\\ Statistics') (got nothing)",
            "t.cfg:13: error: 'stats auth' in listen 'l' expects USER:PASSWORD with a non-empty user (got 'admin')",
            "t.cfg:14: error: 'stats refresh' in listen 'l' expects a time like 5000, 5s or 2m (units us, ms, s, m, h, d; a bare number is milliseconds) (got 'abc')",
            "t.cfg:15: error: 'stats admin' in listen 'l' expects 'if' or 'unless' followed by a condition (got nothing)",
            "t.cfg:16: error: 'stats admin' in listen 'l' expects 'if' or 'unless' followed by a condition (got 'when')",
            "t.cfg:17: error: 'stats scope' in listen 'l' expects a proxy name, or '.' for this one (got nothing)",
            "t.cfg:18: error: 'stats socket' is not allowed in listen 'l'; it belongs in the global section",
            "t.cfg:19: error: 'stats http-request' in listen 'l' is not supported yet; use 'stats auth' for accounts and 'stats admin if COND' for the admin level",
            "t.cfg:20: warning: 'stats enable' in listen 'l' takes no argument; 'now' and what follows is ignored",
        ],
        Diagnostics("""
            listen l
                bind 127.0.0.1:1
                stats
                stats refesh 5s
                stats uri
                stats uri stats
                stats realm
                stats auth admin
                stats refresh abc
                stats admin
                stats admin when TRUE
                stats scope
                stats socket /run/s.sock
                stats http-request deny
                stats enable now
            """));

    [Fact]
    public void Load_StatsAdminInDefaults_Error() => Assert.Equal(
        ["t.cfg:7: error: 'stats admin' is not allowed in defaults section: its condition needs a proxy's ACLs; write it in the frontend, backend or listen section"],
        Diagnostics("defaults\n    stats admin if TRUE\n"));

    [Fact]
    public void Load_StatsAdminWithUnknownAcl_ConditionError() => Assert.Equal(
        ["t.cfg:8: error: 'stats admin' in listen 'l' uses ACL 'nobody', which is not declared in this section"],
        Diagnostics("listen l\n    bind 127.0.0.1:1\n    stats admin if nobody\n"));

    [Fact]
    public void Load_StatsAdminBeforeItsAcl_DeclaredLaterError() => Assert.Equal(
        ["t.cfg:8: error: 'stats admin' in listen 'l' uses ACL 'local' before it is declared (at t.cfg:9); move the 'acl' line above this one"],
        Diagnostics("listen l\n    bind 127.0.0.1:1\n    stats admin if local\n    acl local src 127.0.0.1\n"));

    [Fact]
    public void Load_ScopeNamesNoProxy_Warning() => Assert.Equal(
        ["t.cfg:8: warning: 'stats scope' in listen 'l' names 'ghost', which is no frontend, backend or listen section; it shows nothing"],
        Diagnostics("listen l\n    bind 127.0.0.1:1\n    stats scope ghost\n"));

    [Fact]
    public void Load_UseServiceUnknown_ErrorWithHint() => Assert.Equal(
        ["t.cfg:8: error: 'http-request use-service' in frontend 'f': no such service 'prometheus-exportr', expects 'prometheus-exporter'; did you mean 'prometheus-exporter'?"],
        Diagnostics("frontend f\n    bind 127.0.0.1:1\n    http-request use-service prometheus-exportr\n"));
}
