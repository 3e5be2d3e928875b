using System.Reflection;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// Reads the engine's models into a <see cref="StatsSnapshot"/>: proxies in configuration order, each with its
/// FRONTEND, server and BACKEND rows. Proxy ids are the <c>id</c> keyword's, else the lowest free number from 1 in
/// configuration order. Reading takes no lock on the data path (the backend queue's length excepted).
/// </summary>
public sealed class StatsCollector
{
    private readonly List<(ProxyConfig Config, int Id, FrontendModel? Frontend, BackendModel? Backend)> _proxies = [];
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly int _globalMaxConn;
    private readonly Dictionary<string, int> _backendLimits = new(StringComparer.Ordinal);
    private IApplianceStatus? _status;
    private IMetricsSource? _metrics;

    /// <param name="config">The configuration (its proxy order and ids).</param>
    /// <param name="frontends">The frontend models.</param>
    /// <param name="backends">The backend models by name.</param>
    /// <param name="globalMaxConn">The global connection limit, the <c>slim</c> of frontends without their own.</param>
    /// <param name="time">The clock.</param>
    /// <param name="nodeName">The node's name when no <see cref="IApplianceStatus"/> is set; default the host name.</param>
    public StatsCollector(
        ApplianceConfig config, IReadOnlyList<FrontendModel> frontends, IReadOnlyDictionary<string, BackendModel> backends,
        int globalMaxConn, TimeProvider time, string? nodeName = null)
    {
        _time = time;
        _started = time.GetTimestamp();
        _globalMaxConn = globalMaxConn;
        NodeName = nodeName ?? Environment.MachineName;
        var used = new HashSet<int>(config.Proxies.Where(p => p.Id is not null).Select(p => p.Id!.Value));
        var next = 1;
        foreach (var proxy in config.Proxies)
        {
            var id = proxy.Id ?? 0;
            if (proxy.Id is null)
            {
                while (!used.Add(next))
                {
                    next++;
                }

                id = next;
            }

            var frontend = proxy.IsFrontend ? frontends.FirstOrDefault(f => ReferenceEquals(f.Config, proxy) || f.Name == proxy.Name && f.Config.IsFrontend) : null;
            var backend = proxy.IsBackend ? backends.GetValueOrDefault(proxy.Name) : null;
            _proxies.Add((proxy, id, frontend, backend));
        }

        // HAProxy's backend slim is fullconn, by default 10% of the maxconn of the frontends that route to it by default.
        foreach (var backend in backends.Values)
        {
            var sum = frontends.Where(f => ReferenceEquals(f.DefaultBackend, backend)).Sum(f => (long)(f.Config.MaxConn ?? globalMaxConn));
            _backendLimits[backend.Name] = backend.Config.FullConn ?? (int)Math.Max(1, sum / 10);
        }
    }

    /// <summary>The node name used when no provider is set.</summary>
    public string NodeName { get; }

    /// <summary>The HA status provider; null (default) until the host sets one.</summary>
    public IApplianceStatus? ApplianceStatus
    {
        get => Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, value);
    }

    /// <summary>More metrics for the Prometheus exporter (<see cref="IMetricsSource"/>); null (default) = none.</summary>
    public IMetricsSource? MetricsSource
    {
        get => Volatile.Read(ref _metrics);
        set => Volatile.Write(ref _metrics, value);
    }

    /// <summary>This build's version as the page shows it.</summary>
    public static string Version { get; } =
        typeof(StatsCollector).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(StatsCollector).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>The name of the proxy with id <paramref name="id"/> (decimal text); null when there is none.</summary>
    public string? NameOfId(string id) =>
        int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? _proxies.FirstOrDefault(p => p.Id == number).Config?.Name
            : null;

    /// <summary>Reads every proxy that <paramref name="inScope"/> accepts (all when null).</summary>
    /// <param name="inScope">Which proxies to read; null = all.</param>
    /// <param name="legends">Fill the columns HAProxy fills only with <c>stats show-legends</c> (server address, cookies). Default false.</param>
    public StatsSnapshot Collect(Func<string, bool>? inScope = null, bool legends = false)
    {
        var proxies = new List<ProxyStats>(_proxies.Count);
        foreach (var (config, id, frontend, backend) in _proxies)
        {
            if (inScope is not null && !inScope(config.Name))
            {
                continue;
            }

            var frontendRow = frontend is null ? null : FrontendStatsRow.Build(frontend, id, frontend.Config.MaxConn ?? _globalMaxConn);
            var servers = backend is null ? [] : backend.Servers.Select(s => ServerStatsRow.Build(backend, s, id, _time, legends)).ToList();
            var backendRow = backend is null ? null : BackendStatsRow.Build(backend, id, _backendLimits[backend.Name], _time, legends);
            proxies.Add(new ProxyStats(config.Name, id, config.Mode == ProxyMode.Http ? "http" : "tcp", frontendRow, servers, backendRow));
        }

        var status = ApplianceStatus;
        return new StatsSnapshot
        {
            Proxies = proxies,
            NodeName = status?.NodeName ?? NodeName,
            Version = Version,
            ProcessId = Environment.ProcessId,
            Uptime = _time.GetElapsedTime(_started),
            Time = _time.GetUtcNow(),
            Role = status?.Role,
            Vips = status?.Vips ?? [],
            HasHaStatus = status is not null,
        };
    }
}
