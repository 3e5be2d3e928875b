using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Diagnostics;
using Appliance.ProxyCore.Forwarding;
using Appliance.ProxyCore.Forwarding.Http;
using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Stats;
using Appliance.ProxyCore.Tls;
using Appliance.ProxyCore.Transport;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore;

/// <summary>
/// Everything built from one configuration: the models, the listening bindings, the health checks and the HTTP
/// context. The engine swaps whole runtimes on reload; connections already running keep the runtime they started with.
/// A runtime built as the successor of another keeps each server's state (health, admin state, counters) by backend
/// and server name, and the global connection limiter when the limit did not change.
/// </summary>
internal sealed class ProxyRuntime
{
    /// <param name="stickTables">The live stick tables of this configuration, by name (see <see cref="StickTables.StickTableRegistry.Prepare"/>).</param>
    /// <param name="abortAll">The engine's abort: it closes this runtime's connections too (see <see cref="Stop"/>).</param>
    public ProxyRuntime(
        ApplianceConfig config, ProxyEngineOptions options, ILogger logger, ServerConnector connector, ProxyRuntime? previous,
        IReadOnlyDictionary<string, StickTables.StickTable> stickTables, CancellationToken abortAll)
    {
        Config = config;
        Stop = new SoftStop(options.TimeProvider, abortAll, options.Random);
        StickTables = stickTables;
        var maxConn = config.Global.MaxConn ?? ProxyEngineOptions.DefaultGlobalMaxConn;
        GlobalLimiter = previous is not null && previous.GlobalLimiter.Limit == maxConn ? previous.GlobalLimiter : new ConnectionLimiter(maxConn);
        Splice = Forwarding.Tcp.Splice.SpliceSettings.From(config.Global, maxConn);
        foreach (var proxy in config.Backends)
        {
            Backends[proxy.Name] = new BackendModel(
                proxy, options.Policies, options.TimeProvider, previous?.Backends.GetValueOrDefault(proxy.Name), stickTables);
        }

        foreach (var proxy in config.Frontends)
        {
            var backendName = proxy.DefaultBackend ?? (proxy.Kind == ProxyKind.Listen ? proxy.Name : null);
            var frontend = new FrontendModel(
                proxy, backendName is null ? null : Backends.GetValueOrDefault(backendName), options.TimeProvider,
                previous?.Frontends.FirstOrDefault(f => f.Name == proxy.Name));
            Frontends.Add(frontend);
            foreach (var bind in proxy.Binds)
            {
                var key = ProxyBinding.KeyOf(bind);
                Bindings.TryAdd(key, new ProxyBinding(key, bind, frontend, CreateTls(bind, frontend, options)));
            }
        }

        Stats = new StatsCollector(config, Frontends, Backends, maxConn, options.TimeProvider, options.NodeName)
        {
            ApplianceStatus = previous?.Stats.ApplianceStatus,
            MetricsSource = previous?.Stats.MetricsSource,
        };
        Http = new HttpProxyContext(
            connector, new IdleConnectionPool(options.TimeProvider), HttpErrorResponses.Default, Backends, options.TimeProvider, logger,
            new StatsService(Stats, Backends),
            options.AccessLog);
        Health = new HealthCheckService(
            [.. Backends.Values.Select(b => new BackendServers(b.Config, b.Servers))],
            new HealthCheckServiceOptions
            {
                TimeProvider = options.TimeProvider,
                Logger = options.LoggerFactory.CreateLogger("Appliance.ProxyCore.Health"),
                ResumeFromState = previous is not null,
            });
    }

    public ApplianceConfig Config { get; }

    /// <summary>The stick tables this runtime's backends use, by name.</summary>
    public IReadOnlyDictionary<string, StickTables.StickTable> StickTables { get; }

    public Dictionary<string, BackendModel> Backends { get; } = new(StringComparer.Ordinal);

    public List<FrontendModel> Frontends { get; } = [];

    /// <summary>The listening addresses by <see cref="ProxyBinding.KeyOf"/>, in configuration order.</summary>
    public Dictionary<string, ProxyBinding> Bindings { get; } = new(StringComparer.Ordinal);

    public ConnectionLimiter GlobalLimiter { get; }

    /// <summary>Global splicing settings (<c>nosplice</c>, the pipe limit) for plain TCP tunnels.</summary>
    public Forwarding.Tcp.Splice.SpliceSettings Splice { get; }

    /// <summary>The counters of this runtime's proxies (carried over from the previous runtime by name).</summary>
    public StatsCollector Stats { get; }

    public HttpProxyContext Http { get; }

    public HealthCheckService Health { get; }

    /// <summary>The soft stop of this runtime's connections: begun by a stop, or by the reload that replaces it.</summary>
    public SoftStop Stop { get; }

    /// <summary>The limiters a new connection on <paramref name="binding"/> must pass: global, then the frontend's.</summary>
    public IReadOnlyList<ConnectionLimiter> LimitersFor(ProxyBinding binding) =>
        binding.Frontend.Limiter is { } own ? [GlobalLimiter, own] : [GlobalLimiter];

    /// <summary>Stops this runtime's health checks and closes its idle server connections (after a swap).</summary>
    public async ValueTask RetireAsync()
    {
        await Health.DisposeAsync().ConfigureAwait(false);
        Http.Pool.Dispose();
    }

    private static TlsServerOptionsProvider? CreateTls(BindConfig bind, FrontendModel frontend, ProxyEngineOptions options)
    {
        if (bind.Tls is not { } tls)
        {
            return null;
        }

        try
        {
            return TlsServerOptionsProvider.Create(
                tls, servedProtocols: frontend.Config.Mode == ProxyMode.Http ? ["http/1.1"] : null, timeProvider: options.TimeProvider);
        }
        catch (TlsCertificateException ex)
        {
            throw new ProxyStartException($"{bind.Location}: cannot load the certificates of {bind} for '{frontend.Name}': {ex.Message}", ex);
        }
    }
}
