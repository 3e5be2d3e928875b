using System.Net;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tests.Configuration;

public class GoodFileTests
{
    [Fact]
    public void LoadFile_MediaServerConfig_ParsesWithoutDiagnostics()
    {
        // `haproxy -c -f media-server.cfg` (2.6.12) prints "Configuration file is valid" with no warning; so do we.
        var result = ConfigLoader.LoadFile(ConfigTestHelper.TestData("media-server.cfg"), ConfigTestHelper.Registry, _ => null);

        Assert.Empty(result.Diagnostics);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void LoadFile_MediaServerConfig_GlobalSettingsParsed()
    {
        var global = ConfigLoader.LoadFile(ConfigTestHelper.TestData("media-server.cfg"), ConfigTestHelper.Registry, _ => null).Config!.Global;

        Assert.Equal(4096, global.MaxConn);
        Assert.Equal("user haproxy", global.User?.ToString());
        Assert.Equal("group haproxy", global.Group?.ToString());
        Assert.Equal([("/dev/log", "local0"), ("/dev/log", "local1 notice")], global.Logs.Select(l => (l.Target, string.Join(' ', l.Arguments))));
        Assert.Equal(["chroot", "stats", "stats", "daemon"], global.DeferredLines.Select(l => l.Keyword));
        Assert.Equal(["socket", "/run/haproxy/admin.sock", "mode", "660", "level", "admin"], global.DeferredLines[1].Arguments);
    }

    [Fact]
    public void LoadFile_MediaServerConfig_ProxiesInheritDefaults()
    {
        var config = ConfigLoader.LoadFile(ConfigTestHelper.TestData("media-server.cfg"), ConfigTestHelper.Registry, _ => null).Config!;

        Assert.Equal(
            [("rtmp_frontend", ProxyKind.Frontend), ("rtmp_backend", ProxyKind.Backend), ("http_frontend", ProxyKind.Frontend),
             ("http_backend", ProxyKind.Backend), ("stats", ProxyKind.Listen)],
            config.Proxies.Select(p => (p.Name, p.Kind)));
        var rtmp = config.Proxies[0];
        Assert.Equal(ProxyMode.Tcp, rtmp.Mode);
        Assert.Equal("*:1935", $"{(rtmp.Binds[0].Address.Equals(IPAddress.Any) ? "*" : "?")}:{rtmp.Binds[0].Port}");
        Assert.Equal("rtmp_backend", rtmp.DefaultBackend);
        Assert.Equal(new SourceLocation(ConfigTestHelper.TestData("media-server.cfg"), 22), rtmp.DefaultBackendLocation);
        Assert.Equal(TimeSpan.FromMilliseconds(5000), rtmp.Timeouts.Connect);
        Assert.Equal(TimeSpan.FromMilliseconds(50000), rtmp.Timeouts.Client);
        Assert.Equal(TimeSpan.FromMilliseconds(50000), rtmp.Timeouts.Server);
        Assert.Equal(["dontlognull", "tcplog"], rtmp.Options.Order(StringComparer.Ordinal));
        Assert.Equal("global", Assert.Single(rtmp.Logs).Target);
        Assert.Equal(ProxyMode.Http, config.Proxies[4].Mode);
    }

    [Fact]
    public void LoadFile_MediaServerConfig_ServersAndAgentChecksParsed()
    {
        var config = ConfigLoader.LoadFile(ConfigTestHelper.TestData("media-server.cfg"), ConfigTestHelper.Registry, _ => null).Config!;

        var rtmp = config.FindBackend("rtmp_backend")!;
        Assert.Equal("roundrobin", rtmp.Balance.Algorithm);
        Assert.Equal(["ams1", "ams2"], rtmp.Servers.Select(s => s.Name));
        Assert.Equal(IPAddress.Parse("10.0.0.11"), rtmp.Servers[0].Address);
        Assert.Equal(1935, rtmp.Servers[0].Port);
        Assert.True(rtmp.Servers[0].Check);
        Assert.Null(rtmp.Servers[0].Agent);

        var http = config.FindBackend("http_backend")!;
        Assert.Equal(new BalanceConfig("source", []), http.Balance with { Arguments = [] });
        Assert.Empty(http.Balance.Arguments);
        var agent = http.Servers[1].Agent!;
        Assert.Equal(5081, agent.Port);
        Assert.Equal(TimeSpan.FromSeconds(5), agent.Interval);
        Assert.Null(agent.Address);
        Assert.Null(agent.Send);
        Assert.Equal(TimeSpan.FromSeconds(2), http.Servers[1].Inter);
    }

    [Fact]
    public void LoadFile_MediaServerConfig_StatsLinesDeferredWithEscapedRealm()
    {
        var stats = ConfigLoader.LoadFile(ConfigTestHelper.TestData("media-server.cfg"), ConfigTestHelper.Registry, _ => null).Config!.Proxies[4];

        Assert.Equal(6080, Assert.Single(stats.Binds).Port);
        Assert.Equal(
            ["stats enable", "stats hide-version", "stats refresh 30s", "stats uri /haproxy?stats", "stats realm Haproxy Statistics", "stats auth admin:admin"],
            stats.DeferredLines.Select(l => l.ToString()));
        Assert.Equal(["realm", "Haproxy Statistics"], stats.DeferredLines[4].Arguments);
    }

    [Fact]
    public void LoadFile_HttpModeConfig_OnlyTheMissingCertificateIsReported()
    {
        // Like haproxy -c, the check opens the certificate; everything else of the file is clean.
        var path = ConfigTestHelper.TestData("http-mode.cfg");
        var result = ConfigLoader.LoadFile(path, ConfigTestHelper.Registry, _ => null);

        Assert.Equal(
            [$"{path}:24: error: 'bind' in frontend 'https_frontend': cannot load certificate '/etc/haproxy/certs/x.pem': no such file or directory"],
            result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void LoadFile_HttpModeConfig_FrontendRecordsParsed()
    {
        var config = ConfigLoader.LoadFile(ConfigTestHelper.TestData("http-mode.cfg"), ConfigTestHelper.Registry, _ => null).Config!;

        var frontend = config.Proxies[0];
        Assert.Equal(ProxyMode.Http, frontend.Mode);
        Assert.Equal([80, 443], frontend.Binds.Select(b => b.Port));
        Assert.Equal(["ssl", "crt", "/etc/haproxy/certs/x.pem"], frontend.Binds[1].Options);
        Assert.Empty(frontend.Binds[0].Options);
        Assert.Equal(
            ["http-request add-header X-Client-IP %ci:%cp", "redirect scheme https if !{ ssl_fc }",
             "acl hls_request path_reg -i ^.*\\.(m3u8|ts)$", "use_backend hls if hls_request"],
            frontend.DeferredLines.Select(l => l.ToString()));
        Assert.Equal(TimeSpan.FromHours(2), frontend.Timeouts.Tunnel);
        Assert.Contains("forwardfor", frontend.Options);
        Assert.Equal("ams_origin", frontend.DefaultBackend);
    }

    [Fact]
    public void LoadFile_HttpModeConfig_BackendRecordsParsed()
    {
        var config = ConfigLoader.LoadFile(ConfigTestHelper.TestData("http-mode.cfg"), ConfigTestHelper.Registry, _ => null).Config!;

        var origin = config.FindBackend("ams_origin")!;
        Assert.Equal("leastconn", origin.Balance.Algorithm);
        Assert.Equal(new HttpCheckConfig("GET", "/LiveApp/rest/v2/version", "HTTP/1.1", 200, null), origin.HttpCheck);
        Assert.Equal(["cookie JSESSIONID prefix nocache"], origin.DeferredLines.Select(l => l.ToString()));
        Assert.Equal([("o1", 1), ("o2", 50)], origin.Servers.Select(s => (s.Cookie, s.Weight)));
        Assert.All(origin.Servers, s => Assert.Equal((TimeSpan.FromSeconds(3), 3, 2), (s.Inter, s.Fall, s.Rise)));

        var hls = config.FindBackend("hls")!;
        Assert.Equal(["consistent"], hls.HashType);
        Assert.Equal([false, true], hls.Servers.Select(s => s.Backup));
        Assert.Null(hls.HttpCheck);
    }

    [Fact]
    public void LoadFile_MissingFile_ReportsOneErrorAtLineZero()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "no-such-dir", "missing.cfg");

        var result = ConfigLoader.LoadFile(path, ConfigTestHelper.Registry);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.StartsWith($"{path}:0: error: cannot read configuration file: Could not find a part of the path", diagnostic.ToString());
        Assert.Null(result.Config);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void LoadText_OtherSections_KeptRawWithoutError()
    {
        var result = ConfigTestHelper.Load(
            "ha\n    interface eth1\n    virtual_router_id 51\npeers mypeers\n    peer lb1 10.0.0.1:1024\nuserlist admins\n    user a password x\n" +
            "resolvers dns\n    nameserver ns1 10.0.0.53:53\nmailers m\ncache c\nprogram p\nhttp-errors e\nring r\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["ha", "peers", "userlist", "resolvers", "mailers", "cache", "program", "http-errors", "ring"], result.Config!.OtherSections.Select(s => s.Keyword));
        Assert.Equal(["interface eth1", "virtual_router_id 51"], result.Config.OtherSections[0].Lines.Select(l => l.ToString()));
        Assert.Equal(["mypeers"], result.Config.OtherSections[1].Arguments);
    }
}
