using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.Model;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Health;

/// <summary>The fake clock, the event list and helpers shared by the monitor tests.</summary>
public abstract class ServerHealthMonitorTestBase : IAsyncDisposable
{
    protected static readonly ProbeResult Pass = ProbeResult.Layer4Passed();
    protected static readonly ProbeResult Refused = ProbeResult.Layer4ConnectionProblem("Connection refused");

    protected FakeTimeProvider Time { get; } = new();
    private readonly DateTimeOffset _t0;
    protected List<HealthEvent> Events { get; } = [];
    private readonly List<ServerHealthMonitor> _monitors = [];

    protected ServerHealthMonitorTestBase()
    {
        _t0 = Time.GetUtcNow();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var monitor in _monitors)
        {
            await monitor.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected ServerHealthMonitor Start(ServerModel server, IHealthProbe? check, IAgentProbe? agent, double spread = 0, Action<HealthEvent>? onEvent = null)
    {
        var monitor = new ServerHealthMonitor("b", server, check, agent, Time, new FixedRandom(spread), onEvent ?? Events.Add);
        _monitors.Add(monitor);
        monitor.Start();
        return monitor;
    }

    protected static ServerModel CheckedServer(int rise = 2, int fall = 3, double fastMs = 500, double downMs = 5000, ProxyCore.Configuration.AgentCheckConfig? agent = null) =>
        HealthTestServers.Model(HealthTestServers.Config(
            rise: rise,
            fall: fall,
            fastInter: TimeSpan.FromMilliseconds(fastMs),
            downInter: TimeSpan.FromMilliseconds(downMs),
            agent: agent));

    protected static ServerModel AgentOnlyServer() =>
        HealthTestServers.Model(HealthTestServers.Config(check: false, agent: HealthTestServers.Agent()));

    protected void Advance(double milliseconds) => Time.Advance(TimeSpan.FromMilliseconds(milliseconds));

    protected DateTimeOffset At(double milliseconds) => _t0 + TimeSpan.FromMilliseconds(milliseconds);

    protected List<ServerHealthChanged> HealthChanges() => Events.OfType<ServerHealthChanged>().ToList();
}
