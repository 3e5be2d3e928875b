using System.Net;
using System.Net.Sockets;
using Appliance.Contracts.Replication;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Diagnostics;
using Appliance.ProxyCore.Forwarding;
using Appliance.ProxyCore.Forwarding.Tcp;
using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Stats;
using Appliance.ProxyCore.StickTables;
using Appliance.ProxyCore.Tls;
using Appliance.ProxyCore.Transport;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore;

/// <summary>
/// The proxy core: serves a validated configuration (models, listeners, health checks), reloads a new one without
/// refusing connections (listeners of unchanged addresses stay open, server states carry over, connections already
/// running finish on the configuration they started with), and on stop closes the listeners and drains. A stop, and a
/// reload for the connections of the configuration it replaces, is HAProxy's soft stop (<see cref="SoftStop"/>): idle
/// HTTP keep-alive connections close at once, a request in progress gets its response with <c>Connection: close</c>,
/// TCP connections and tunnels run until they end or <c>hard-stop-after</c> passes.
/// </summary>
public sealed class ProxyEngine : IAsyncDisposable
{
    private readonly ProxyEngineOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Listener> _listeners = new(StringComparer.Ordinal);
    private readonly ConnectionTracker _connections = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly ServerConnector _connector;
    private readonly TcpProxySession _tcp;
    private readonly ConnectionDispatcher _dispatcher;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private ProxyRuntime _runtime;
    private int _stopped;

    public ProxyEngine(ApplianceConfig config, ProxyEngineOptions options)
    {
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("Appliance.ProxyCore");
        _connector = new ServerConnector(options.TimeProvider, _logger);
        _tcp = new TcpProxySession(_connector, options.TimeProvider, _logger, options.AccessLog);
        _dispatcher = new ConnectionDispatcher(_tcp, options.TimeProvider, _logger);
        StickTables = new StickTableRegistry(options.TimeProvider);
        ServerHealth = new ServerHealthReplica(() => Runtime.Backends);
        _runtime = NewRuntime(config, previous: null);
        StickTables.Commit(config, _runtime.StickTables);
        ServerHealth.Attach(_runtime.Backends);
    }

    /// <summary>
    /// The stick tables, kept across reloads that keep a table's name and key type; as <see cref="IStickTableReplica"/>
    /// the sync service's view of the replicated ones. <see cref="StickTableRegistry.All"/> answers <c>show table</c>.
    /// </summary>
    public StickTableRegistry StickTables { get; }

    /// <summary>The servers' states as the sync service shares them.</summary>
    public ServerHealthReplica ServerHealth { get; }

    /// <summary>Server state changes and agent reports, in order per server (raised on timer threads).</summary>
    public event EventHandler<HealthEvent>? HealthEventRaised;

    /// <summary>The configuration in force.</summary>
    public ApplianceConfig Config => Runtime.Config;

    /// <summary>Reads the counters of every proxy (the stats page, CSV, JSON and the Prometheus exporter use it).</summary>
    public StatsCollector Stats => Runtime.Stats;

    /// <summary>
    /// The node's HA status for the stats page (role, VIPs, node name); null (default) shows none. The host sets it once
    /// the HA agent runs; it may be set or replaced at any time and survives reloads.
    /// </summary>
    public IApplianceStatus? ApplianceStatus
    {
        get => Runtime.Stats.ApplianceStatus;
        set => Runtime.Stats.ApplianceStatus = value;
    }

    /// <summary>
    /// More metrics for the Prometheus exporter (the host's state sync); null (default) = none. May be set or replaced at
    /// any time and survives reloads.
    /// </summary>
    public IMetricsSource? MetricsSource
    {
        get => Runtime.Stats.MetricsSource;
        set => Runtime.Stats.MetricsSource = value;
    }

    /// <summary>The backends of the configuration in force, by name.</summary>
    public IReadOnlyDictionary<string, BackendModel> Backends => Runtime.Backends;

    public IReadOnlyList<FrontendModel> Frontends => Runtime.Frontends;

    /// <summary>The pipes of spliced TCP tunnels (tests read their counters).</summary>
    internal Forwarding.Tcp.Splice.SplicePipePool TcpPipes => _tcp.Pipes;

    /// <summary>The addresses actually bound, in configuration order.</summary>
    public IReadOnlyList<IPEndPoint> ListeningEndPoints =>
        [.. Runtime.Bindings.Keys.Where(_listeners.ContainsKey).Select(k => _listeners[k].LocalEndPoint!)];

    /// <summary>Connections being served now.</summary>
    public int ActiveConnections => _connections.Count;

    private ProxyRuntime Runtime => Volatile.Read(ref _runtime);

    /// <summary>Resolves server names, starts the health checks and opens every listener; throws <see cref="ProxyStartException"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var runtime = Runtime;
        await ServerAddressResolver.ResolveAsync(runtime, _options, _logger, cancellationToken).ConfigureAwait(false);
        await runtime.Health.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var binding in runtime.Bindings.Values)
            {
                _listeners[binding.Key] = StartListener(binding);
            }
        }
        catch
        {
            await CloseListenersAsync(_listeners.Keys.ToList()).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Applies a new, already validated configuration without refusing or cutting connections: listeners whose address
    /// and options did not change keep their sockets, new ones are opened before the swap, removed ones are closed after
    /// it; servers keep their health, admin state and counters by backend and server name. If a new address cannot be
    /// bound (or a certificate cannot be loaded), nothing changes and <see cref="ProxyStartException"/> says why.
    /// </summary>
    public async Task<ReloadReport> ReloadAsync(ApplianceConfig config, CancellationToken cancellationToken = default)
    {
        await _reloadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = Runtime;
            var next = NewRuntime(config, previous);
            await ServerAddressResolver.ResolveAsync(next, _options, _logger, cancellationToken).ConfigureAwait(false);
            var opened = new List<string>();
            try
            {
                foreach (var binding in next.Bindings.Values.Where(b => !_listeners.ContainsKey(b.Key)))
                {
                    _listeners[binding.Key] = StartListener(binding);
                    opened.Add(binding.Key);
                }
            }
            catch
            {
                await CloseListenersAsync(opened).ConfigureAwait(false);
                await next.RetireAsync().ConfigureAwait(false);
                throw;
            }

            // Old health checks stop before the new ones start, so the shared server states have one writer.
            Volatile.Write(ref _runtime, next);
            StickTables.Commit(config, next.StickTables);
            ServerHealth.Attach(next.Backends);
            var closed = _listeners.Keys.Where(k => !next.Bindings.ContainsKey(k)).ToList();
            await CloseListenersAsync(closed).ConfigureAwait(false);
            await previous.RetireAsync().ConfigureAwait(false);
            // As HAProxy's old process after a reload, bounded by the hard-stop-after now in force.
            ProxyLog.SoftStoppingPrevious(_logger, Bound(config.Global.HardStopAfter));
            await previous.Stop.BeginAsync(config.Global.HardStopAfter, config.Global.CloseSpreadTime).ConfigureAwait(false);
            await next.Health.StartAsync(cancellationToken).ConfigureAwait(false);
            var kept = next.Bindings.Keys.Where(k => !opened.Contains(k)).Select(Describe).ToList();
            var report = new ReloadReport(kept, [.. opened.Select(Describe)], [.. closed.Select(Describe)]);
            ProxyLog.Reloaded(_logger, report.ToString());
            return report;
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <summary>
    /// Soft stop: closes the listeners and idle HTTP keep-alive connections at once, lets requests in progress finish
    /// (their responses say <c>Connection: close</c>) and TCP connections and tunnels run, for at most the configuration's
    /// <c>hard-stop-after</c> or, when it has none, <paramref name="grace"/>; then aborts the rest.
    /// </summary>
    /// <param name="grace">The bound when <c>global hard-stop-after</c> is not set (HAProxy would wait without one).</param>
    public Task StopAsync(TimeSpan grace) => StopCoreAsync(Runtime.Config.Global.HardStopAfter ?? grace);

    private async Task StopCoreAsync(TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await CloseListenersAsync(_listeners.Keys.ToList()).ConfigureAwait(false);
        ProxyLog.Draining(_logger, _connections.Count, Bound(grace));
        var idle = _connections.WhenIdleAsync();
        // The engine bounds the whole stop itself (its abort reaches every runtime's connections, old ones included).
        await Runtime.Stop.BeginAsync(hardStopAfter: null, grace > TimeSpan.Zero ? Runtime.Config.Global.CloseSpreadTime : null).ConfigureAwait(false);
        if (grace > TimeSpan.Zero)
        {
            await Task.WhenAny(idle, Task.Delay(grace, _options.TimeProvider)).ConfigureAwait(false);
        }

        if (!idle.IsCompleted)
        {
            ProxyLog.AbortingConnections(_logger, _connections.Count);
            await _abort.CancelAsync().ConfigureAwait(false);
            await idle.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Re-reads the certificate files of every TLS bind whose files changed; new handshakes use the new certificates,
    /// established connections keep theirs, and a bad new file keeps the old certificates. Returns one line per bind.
    /// </summary>
    public IReadOnlyList<string> ReloadCertificates()
    {
        var report = new List<string>();
        foreach (var tls in Runtime.Bindings.Values.Select(b => b.Tls).OfType<TlsServerOptionsProvider>())
        {
            var result = tls.Store.ReloadIfChanged();
            var paths = string.Join(", ", tls.Store.Paths);
            report.Add(result.Outcome == TlsReloadOutcome.Failed
                ? $"{paths}: kept the previous certificates: {string.Join("; ", result.Problems.Select(p => p.Message))}"
                : $"{paths}: {result.Outcome.ToString().ToLowerInvariant()}");
        }

        return report;
    }

    public async ValueTask DisposeAsync()
    {
        await StopCoreAsync(TimeSpan.Zero).ConfigureAwait(false);
        await Runtime.RetireAsync().ConfigureAwait(false);
        Runtime.Stop.Dispose();
        _abort.Dispose();
        _reloadGate.Dispose();
        StickTables.Dispose();
        _tcp.Dispose();
    }

    private ProxyRuntime NewRuntime(ApplianceConfig config, ProxyRuntime? previous)
    {
        var runtime = new ProxyRuntime(config, _options, _logger, _connector, previous, StickTables.Prepare(config), _abort.Token);
        var healthLogger = _options.LoggerFactory.CreateLogger("Appliance.ProxyCore.Health");
        runtime.Health.HealthEventRaised += (_, e) =>
        {
            ProxyLog.HealthEvent(healthLogger, e.ToString());
            HealthEventRaised?.Invoke(this, e);
        };
        return runtime;
    }

    private Listener StartListener(ProxyBinding binding)
    {
        var key = binding.Key;
        var listener = new Listener(
            binding.Bind,
            socket => HandleAsync(socket, key),
            () => Runtime.Bindings.TryGetValue(key, out var current) ? Runtime.LimitersFor(current) : [Runtime.GlobalLimiter],
            _logger);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            throw new ProxyStartException(
                $"{binding.Bind.Location}: cannot bind {binding.Bind} for {binding.Frontend.Config.Kind.ToString().ToLowerInvariant()} '{binding.Frontend.Name}': {ex.Message}", ex);
        }

        ProxyLog.Listening(_logger, binding.Frontend.Name, listener.LocalEndPoint!.ToString(), binding.Frontend.Config.Mode.ToString().ToLowerInvariant());
        return listener;
    }

    /// <summary>Serves a connection with the runtime in force at accept time (it keeps it until the connection ends).</summary>
    private async Task HandleAsync(Socket client, string bindingKey)
    {
        var runtime = Runtime;
        if (!runtime.Bindings.TryGetValue(bindingKey, out var binding))
        {
            return;
        }

        _connections.Enter();
        binding.Frontend.Traffic.SessionOpened();
        try
        {
            await _dispatcher.DispatchAsync(client, runtime, binding).ConfigureAwait(false);
        }
        finally
        {
            binding.Frontend.Traffic.SessionClosed();
            _connections.Exit();
        }
    }

    private async Task CloseListenersAsync(IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            if (_listeners.Remove(key, out var listener))
            {
                await listener.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static string Describe(string key) => key.Split('|')[0];

    private static string Bound(TimeSpan? bound) => bound is { } b ? $"{b.TotalSeconds:0.###} s" : "none";
}
