using System.Net;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.Model;
using Appliance.Tests.Common;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore.Tests.Health;

public sealed class HealthCheckServiceTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<(object? Sender, HealthEvent Event)> _events = [];

    private (HealthCheckService Service, FakeProbeFactory Probes) Service(ListLogger? logger, params BackendServers[] backends)
    {
        var probes = new FakeProbeFactory(_time);
        var service = new HealthCheckService(backends, new HealthCheckServiceOptions
        {
            TimeProvider = _time,
            Random = new FixedRandom(0),
            ProbeFactory = probes,
            Logger = logger ?? new ListLogger(),
        });
        service.HealthEventRaised += (sender, e) => _events.Add((sender, e));
        return (service, probes);
    }

    private static BackendServers Backend(params ServerConfig[] servers) =>
        new(HealthTestServers.Backend("b", servers: servers), [.. servers.Select((s, i) => new ServerModel(s, i))]);

    [Fact]
    public async Task StartAsync_MixedServers_MonitorsOnlyThoseWithCheckOrAgent()
    {
        var backend = Backend(
            HealthTestServers.Config("plain", check: false),
            HealthTestServers.Config("checked"),
            HealthTestServers.Config("agent-only", check: false, agent: HealthTestServers.Agent()),
            HealthTestServers.Config("both", agent: HealthTestServers.Agent()));
        var (service, probes) = Service(null, backend);
        await using var _ = service;

        await service.StartAsync();

        Assert.Equal(["checked", "agent-only", "both"], service.Monitors.Select(m => m.Server.Name));
        Assert.Equal(
            [("checked", "check"), ("agent-only", "agent"), ("both", "check"), ("both", "agent")],
            probes.Created.Select(c => (c.Server, c.Kind)));
        Assert.Equal(new CheckTarget(IPAddress.Loopback, "127.0.0.1", 9999), probes.Created[1].Target);
    }

    [Fact]
    public async Task StartAsync_ServerWithoutCheck_NeverProbedAndStaysUp()
    {
        var backend = Backend(HealthTestServers.Config("plain", check: false), HealthTestServers.Config("checked"));
        var (service, probes) = Service(null, backend);
        await using var _ = service;
        probes.Checks["checked"] = new FakeHealthProbe(_time) { Default = ProbeResult.Layer4Timeout() };

        await service.StartAsync();
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(ServerHealth.Up, backend.Servers[0].State.Health);
        Assert.Equal(ServerHealth.Down, backend.Servers[1].State.Health);
    }

    [Fact]
    public async Task StartAsync_CheckWithoutPort_RaisesHealthCheckDisabledAndLeavesServerUp()
    {
        var backend = Backend(HealthTestServers.Config("noport", port: null));
        var (service, probes) = Service(null, backend);
        await using var _ = service;

        await service.StartAsync();

        Assert.Empty(service.Monitors);
        Assert.Empty(probes.Created);
        var disabled = Assert.IsType<HealthCheckDisabled>(Assert.Single(_events).Event);
        Assert.Equal("test.cfg:12: warning: 'server b/noport' has neither a service port nor a check 'port': health check disabled", disabled.Message);
        Assert.Equal(ServerHealth.Up, backend.Servers[0].State.Health);
    }

    [Fact]
    public async Task HealthEventRaised_MonitorEvents_ComeFromTheServiceInOrder()
    {
        var backend = Backend(HealthTestServers.Config("s1", agent: HealthTestServers.Agent()));
        var (service, probes) = Service(null, backend);
        await using var _ = service;
        probes.Checks["s1"] = new FakeHealthProbe(_time) { Default = ProbeResult.Layer4ConnectionProblem("Connection refused") };
        probes.Agents["s1"] = new FakeAgentProbe(_time).Says("drain");

        await service.StartAsync();
        _time.Advance(TimeSpan.Zero);

        Assert.All(_events, e => Assert.Same(service, e.Sender));
        Assert.Equal(
            ["Server b/s1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\"", "Server b/s1 agent: admin READY -> DRAIN"],
            _events.Select(e => e.Event.ToString()));
    }

    [Fact]
    public async Task HealthEventRaised_SubscriberThrows_LoggedAndChecksGoOn()
    {
        var logger = new ListLogger();
        var backend = Backend(HealthTestServers.Config("s1"));
        var (service, probes) = Service(logger, backend);
        await using var _ = service;
        probes.Checks["s1"] = new FakeHealthProbe(_time) { Default = ProbeResult.Layer4Timeout() };
        service.HealthEventRaised += (_, _) => throw new InvalidOperationException("subscriber bug");

        await service.StartAsync();
        _time.Advance(TimeSpan.FromSeconds(10));

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal("subscriber bug", entry.Exception?.Message);
        Assert.True(probes.Checks["s1"].RunTimes.Count > 1);
    }

    [Fact]
    public async Task DisposeAsync_Started_StopsEveryMonitor()
    {
        var backend = Backend(HealthTestServers.Config("s1"), HealthTestServers.Config("s2", check: false, agent: HealthTestServers.Agent()));
        var (service, probes) = Service(null, backend);
        await service.StartAsync();
        _time.Advance(TimeSpan.Zero);

        await service.DisposeAsync();
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Single(probes.Checks["s1"].RunTimes);
        Assert.Single(probes.Agents["s2"].RunTimes);
    }

    [Fact]
    public async Task StartAsync_Twice_Throws()
    {
        var (service, _) = Service(null, Backend(HealthTestServers.Config("s1")));
        await using var _ = service;
        await service.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.StartAsync());
    }

    [Fact]
    public async Task StartAsync_RealProbesAgainstLoopback_HttpCheck503TakesServerDown()
    {
        await using var web = LoopbackServer.Http("HTTP/1.0 503 Service Unavailable\r\n\r\n");
        var config = HealthTestServers.Config("web", port: web.Port);
        var backend = new BackendServers(
            HealthTestServers.Backend("b", httpCheck: new HttpCheckConfig("GET", "/health", "HTTP/1.0", null, null), servers: config),
            [new ServerModel(config, 0)]);
        var down = new TaskCompletionSource<ServerHealthChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var service = new HealthCheckService([backend], new HealthCheckServiceOptions { Random = new FixedRandom(0) });
        service.HealthEventRaised += (_, e) =>
        {
            if (e is ServerHealthChanged change)
            {
                down.TrySetResult(change);
            }
        };

        await service.StartAsync();
        var change = await down.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("Server b/web is DOWN, reason: Layer7 wrong status, code: 503, info: \"Service Unavailable\"", change.ToString());
        Assert.Equal(ServerHealth.Down, backend.Servers[0].State.Health);
        Assert.StartsWith("GET /health HTTP/1.0\r\n", await web.FirstRequest.Task, StringComparison.Ordinal);
    }
}
