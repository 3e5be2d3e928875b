using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Stats;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Stats;

/// <summary>The runtime models of a configuration text on a fake clock, and a collector over them.</summary>
internal sealed class StatsTestModel
{
    public const string Defaults = """
        defaults
            mode http
            timeout connect 1s
            timeout client 5s
            timeout server 5s
        """;

    private StatsTestModel(ApplianceConfig config, FakeTimeProvider time)
    {
        Config = config;
        Time = time;
        foreach (var proxy in config.Backends)
        {
            Backends[proxy.Name] = new BackendModel(proxy, LoadBalancingPolicyRegistry.Default, time);
        }

        foreach (var proxy in config.Frontends)
        {
            var backend = proxy.DefaultBackend ?? (proxy.Kind == ProxyKind.Listen ? proxy.Name : null);
            Frontends.Add(new FrontendModel(proxy, backend is null ? null : Backends.GetValueOrDefault(backend), time));
        }

        Collector = new StatsCollector(config, Frontends, Backends, 4096, time, "lb1");
        Service = new StatsService(Collector, Backends);
    }

    public ApplianceConfig Config { get; }

    public FakeTimeProvider Time { get; }

    public Dictionary<string, BackendModel> Backends { get; } = new(StringComparer.Ordinal);

    public List<FrontendModel> Frontends { get; } = [];

    public StatsCollector Collector { get; }

    public StatsService Service { get; }

    /// <summary>Loads <see cref="Defaults"/> followed by <paramref name="sections"/>; the configuration must be valid.</summary>
    public static StatsTestModel Load(string sections)
    {
        var result = ConfigLoader.LoadText(Defaults + "\n" + sections, "t.cfg");
        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        return new StatsTestModel(result.Config!, new FakeTimeProvider());
    }

    public FrontendModel Frontend(string name) => Frontends.Single(f => f.Name == name);

    public ServerModel Server(string backend, string server) => Backends[backend].FindServer(server)!;

    public StatsConfig Stats(string proxy) => Config.Proxies.First(p => p.Name == proxy).Stats!;

    /// <summary>
    /// The lines of the CSV, split on commas (no field of these tests is quoted), with the legend columns as HAProxy's
    /// CLI <c>show stat</c> prints them.
    /// </summary>
    public List<string[]> CsvRows() =>
        [.. CsvStatsWriter.Write(Collector.Collect(legends: true)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))];

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "Stats", "TestData", name);
}
