using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tests.Configuration;

public class DefaultsInheritanceTests
{
    private const string FirstDefaults =
        "defaults\n    mode http\n    balance leastconn\n    retries 5\n    maxconn 100\n    log global\n    option httplog\n    option redispatch\n" +
        "    timeout connect 1s\n    timeout client 2s\n    timeout server 3s\n    default_backend web\n    option httpchk GET /health\n" +
        "    http-check expect status 204\n    default-server inter 7s fall 5\n    cookie SRV insert\n    errorfile 503 /e/503.http\n";

    [Fact]
    public void LoadText_ProxyAfterDefaults_InheritsEverySetting()
    {
        var config = ConfigTestHelper.Load(FirstDefaults + "frontend f\n    bind :80\nbackend web\n    server s 10.0.0.1:80\n").Config!;

        var frontend = config.Proxies[0];
        var backend = config.Proxies[1];
        Assert.Equal((ProxyMode.Http, 100, "web"), (frontend.Mode, frontend.MaxConn, frontend.DefaultBackend));
        Assert.Equal(new TimeoutsConfig { Connect = TimeSpan.FromSeconds(1), Client = TimeSpan.FromSeconds(2), Server = TimeSpan.FromSeconds(3) }, frontend.Timeouts);
        Assert.Equal(["httpchk", "httplog", "redispatch"], frontend.Options.Order(StringComparer.Ordinal));
        Assert.Equal("global", Assert.Single(frontend.Logs).Target);
        Assert.Equal(["errorfile 503 /e/503.http"], frontend.DeferredLines.Select(l => l.ToString()));

        Assert.Equal(("leastconn", 5, true), (backend.Balance.Algorithm, backend.Retries, backend.Redispatch));
        Assert.Null(backend.DefaultBackend);
        Assert.Equal(new HttpCheckConfig("GET", "/health", "HTTP/1.0", 204, null), backend.HttpCheck);
        Assert.Equal(["cookie SRV insert", "errorfile 503 /e/503.http"], backend.DeferredLines.Select(l => l.ToString()));
        var server = Assert.Single(backend.Servers);
        Assert.Equal((TimeSpan.FromSeconds(7), 5, 2), (server.Inter, server.Fall, server.Rise));
    }

    [Fact]
    public void LoadText_ProxyOverrides_ReplaceInheritedValues()
    {
        var config = ConfigTestHelper.Load(FirstDefaults +
            "backend web\n    mode tcp\n    balance roundrobin\n    no option redispatch\n    no log\n    timeout server 9s\n    default-server fall 1\n    server s 10.0.0.1:80 inter 1s\n").Config!;

        var backend = Assert.Single(config.Proxies);
        Assert.Equal((ProxyMode.Tcp, "roundrobin", false), (backend.Mode, backend.Balance.Algorithm, backend.Redispatch));
        Assert.Empty(backend.Logs);
        Assert.Equal(TimeSpan.FromSeconds(9), backend.Timeouts.Server);
        Assert.Equal(TimeSpan.FromSeconds(1), backend.Timeouts.Connect);
        var server = Assert.Single(backend.Servers);
        Assert.Equal((TimeSpan.FromSeconds(1), 1), (server.Inter, server.Fall));
    }

    [Fact]
    public void LoadText_SecondDefaults_ReplacesTheFirstWholly()
    {
        var config = ConfigTestHelper.Load(FirstDefaults + "backend a\ndefaults\n    timeout connect 4s\nbackend b\n").Config!;

        var b = config.Proxies[1];
        Assert.Equal((ProxyMode.Tcp, "roundrobin", 3), (b.Mode, b.Balance.Algorithm, b.Retries));
        Assert.Equal(new TimeoutsConfig { Connect = TimeSpan.FromSeconds(4) }, b.Timeouts);
        Assert.Empty(b.Options);
        Assert.Empty(b.DeferredLines);
        Assert.Equal("leastconn", config.Proxies[0].Balance.Algorithm);
    }

    [Fact]
    public void LoadText_FromNamedDefaults_UsesThatSectionNotTheLastOne()
    {
        var config = ConfigTestHelper.Load(
            "defaults web\n    mode http\n    timeout client 5s\ndefaults tcpd\n    mode tcp\n    timeout client 6s\n" +
            "frontend f from web\n    bind :80\nfrontend g\n    bind :81\ndefaults child from web\n    timeout client 7s\nlisten l from child\n    bind :82\n").Config!;

        Assert.Equal(
            [("f", ProxyMode.Http, 5), ("g", ProxyMode.Tcp, 6), ("l", ProxyMode.Http, 7)],
            config.Proxies.Select(p => (p.Name, p.Mode, (int)p.Timeouts.Client!.Value.TotalSeconds)));
    }

    [Fact]
    public void LoadText_ListenHeaderAddress_BecomesABind()
    {
        var result = ConfigTestHelper.Load("defaults d\n    timeout client 1s\nlisten l 127.0.0.1:8080 from d\n    bind :8081\n");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["127.0.0.1:8080", "0.0.0.0:8081"], result.Config!.Proxies[0].Binds.Select(b => b.ToString()));
    }

    [Fact]
    public void LoadText_AgentIntervalDefaultsToServerInter()
    {
        var config = ConfigTestHelper.Load(
            "backend b\n    default-server agent-check agent-port 5081 agent-send \"ready\\n\"\n    server a 10.0.0.1:80 inter 4s\n" +
            "    server c 10.0.0.2:80 agent-addr 10.0.0.9 agent-inter 1s\n    server d 10.0.0.3:80 agent-addr agents.local no-agent-check\n").Config!;

        var servers = config.Proxies[0].Servers;
        Assert.Equal(new AgentCheckConfig(null, null, 5081, TimeSpan.FromSeconds(4), "ready\n"), servers[0].Agent);
        Assert.Equal(new AgentCheckConfig(System.Net.IPAddress.Parse("10.0.0.9"), null, 5081, TimeSpan.FromSeconds(1), "ready\n"), servers[1].Agent);
        Assert.Null(servers[2].Agent);
    }
}
