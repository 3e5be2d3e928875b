using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Diagnostics;
using Appliance.ProxyCore.Forwarding;
using Appliance.ProxyCore.Forwarding.Http;
using Appliance.ProxyCore.Forwarding.Tcp;
using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Stats;
using Appliance.ProxyCore.Tls;
using Appliance.ProxyCore.Transport;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore;

/// <summary>
/// The proxy core for one validated configuration: builds the runtime model, resolves server addresses, opens the
/// listeners, runs the health checks, and on stop closes the listeners and drains the connections.
/// </summary>
public sealed class ProxyEngine : IAsyncDisposable
{
    private readonly ProxyEngineOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, BackendModel> _backends = new(StringComparer.Ordinal);
    private readonly List<FrontendModel> _frontends = [];
    private readonly List<Listener> _listeners = [];
    private readonly ConnectionLimiter _globalLimiter;
    private readonly ConnectionTracker _connections = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly TcpProxySession _tcp;
    private readonly HealthCheckService _health;
    private readonly HttpProxyContext _http;
    private readonly List<TlsServerOptionsProvider> _tlsProviders = [];
    private int _stopped;

    public ProxyEngine(ApplianceConfig config, ProxyEngineOptions options)
    {
        Config = config;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("Appliance.ProxyCore");
        _globalLimiter = new ConnectionLimiter(config.Global.MaxConn ?? ProxyEngineOptions.DefaultGlobalMaxConn);
        foreach (var proxy in config.Backends)
        {
            _backends[proxy.Name] = new BackendModel(proxy, options.Policies, options.TimeProvider);
        }

        foreach (var proxy in config.Frontends)
        {
            var backendName = proxy.DefaultBackend ?? (proxy.Kind == ProxyKind.Listen ? proxy.Name : null);
            _frontends.Add(new FrontendModel(proxy, backendName is null ? null : _backends.GetValueOrDefault(backendName), options.TimeProvider));
        }

        Stats = new StatsCollector(
            config, _frontends, _backends, config.Global.MaxConn ?? ProxyEngineOptions.DefaultGlobalMaxConn, options.TimeProvider, options.NodeName);

        var connector = new ServerConnector(options.TimeProvider, _logger);
        _tcp = new TcpProxySession(connector, options.TimeProvider, _logger);
        _http = new HttpProxyContext(connector, new IdleConnectionPool(options.TimeProvider), HttpErrorResponses.Default, _backends, options.TimeProvider, _logger,
            new StatsService(Stats, _backends));
        var healthLogger = options.LoggerFactory.CreateLogger("Appliance.ProxyCore.Health");
        _health = new HealthCheckService(
            [.. _backends.Values.Select(b => new BackendServers(b.Config, b.Servers))],
            new HealthCheckServiceOptions { TimeProvider = options.TimeProvider, Logger = healthLogger });
        _health.HealthEventRaised += (_, e) =>
        {
            ProxyLog.HealthEvent(healthLogger, e.ToString());
            HealthEventRaised?.Invoke(this, e);
        };
    }

    /// <summary>Server state changes and agent reports, in order per server (raised on timer threads).</summary>
    public event EventHandler<HealthEvent>? HealthEventRaised;

    public ApplianceConfig Config { get; }

    /// <summary>Reads the counters of every proxy (the stats page, CSV, JSON and the Prometheus exporter use it).</summary>
    public StatsCollector Stats { get; }

    /// <summary>
    /// The node's HA status for the stats page (role, VIPs, node name); null (default) shows none. The host sets it once
    /// the HA agent runs; it may be set or replaced at any time.
    /// </summary>
    public IApplianceStatus? ApplianceStatus
    {
        get => Stats.ApplianceStatus;
        set => Stats.ApplianceStatus = value;
    }

    public IReadOnlyDictionary<string, BackendModel> Backends => _backends;

    public IReadOnlyList<FrontendModel> Frontends => _frontends;

    /// <summary>The addresses actually bound, in configuration order.</summary>
    public IReadOnlyList<IPEndPoint> ListeningEndPoints => _listeners.Select(l => l.LocalEndPoint!).ToList();

    /// <summary>Connections being served now.</summary>
    public int ActiveConnections => _connections.Count;

    /// <summary>Resolves server names, starts the health checks and opens every listener; throws <see cref="ProxyStartException"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await ResolveServersAsync(cancellationToken).ConfigureAwait(false);
        await _health.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var frontend in _frontends)
            {
                foreach (var bind in frontend.Config.Binds)
                {
                    StartListener(frontend, bind);
                }
            }
        }
        catch
        {
            await CloseListenersAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the listeners, waits up to <paramref name="grace"/> for connections to end, then aborts the rest.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await CloseListenersAsync().ConfigureAwait(false);
        ProxyLog.Draining(_logger, _connections.Count);
        var idle = _connections.WhenIdleAsync();
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

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        await _health.DisposeAsync().ConfigureAwait(false);
        _http.Pool.Dispose();
        _abort.Dispose();
        _globalLimiter.Dispose();
        foreach (var frontend in _frontends)
        {
            frontend.Limiter?.Dispose();
        }
    }

    private void StartListener(FrontendModel frontend, BindConfig bind)
    {
        var limiters = frontend.Limiter is { } own ? new[] { _globalLimiter, own } : new[] { _globalLimiter };
        TlsServerOptionsProvider? tls = null;
        if (bind.Tls is { } tlsConfig)
        {
            try
            {
                tls = TlsServerOptionsProvider.Create(
                    tlsConfig, servedProtocols: frontend.Config.Mode == ProxyMode.Http ? ["http/1.1"] : null, timeProvider: _options.TimeProvider);
            }
            catch (TlsCertificateException ex)
            {
                throw new ProxyStartException($"{bind.Location}: cannot load the certificates of {bind} for '{frontend.Name}': {ex.Message}", ex);
            }

            _tlsProviders.Add(tls);
        }

        var listener = new Listener(bind, socket => HandleAsync(socket, frontend, tls), limiters, _logger);
        try
        {
            listener.Start();
        }
        catch (SocketException ex)
        {
            throw new ProxyStartException(
                $"{bind.Location}: cannot bind {bind} for {frontend.Config.Kind.ToString().ToLowerInvariant()} '{frontend.Name}': {ex.Message}", ex);
        }

        _listeners.Add(listener);
        ProxyLog.Listening(_logger, frontend.Name, listener.LocalEndPoint!.ToString(), frontend.Config.Mode.ToString().ToLowerInvariant());
    }

    private async Task HandleAsync(Socket client, FrontendModel frontend, TlsServerOptionsProvider? tls)
    {
        _connections.Enter();
        frontend.Traffic.SessionOpened();
        try
        {
            if (tls is not null)
            {
                await HandleTlsAsync(client, frontend, tls).ConfigureAwait(false);
            }
            else if (frontend.Config.Mode == ProxyMode.Http)
            {
                await using var stream = new NetworkStream(client, ownsSocket: false);
                await using var connection = new HttpClientConnection(_http, client, stream, frontend, isTls: false, _abort.Token);
                await connection.RunAsync().ConfigureAwait(false);
            }
            else
            {
                await _tcp.HandleAsync(client, frontend, _abort.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            frontend.Traffic.SessionClosed();
            _connections.Exit();
        }
    }

    /// <summary>
    /// Terminates TLS (handshake bounded by <c>timeout http-request</c>, else <c>timeout client</c>), then serves the
    /// decrypted stream in the frontend's mode.
    /// </summary>
    private async Task HandleTlsAsync(Socket client, FrontendModel frontend, TlsServerOptionsProvider tls)
    {
        await using var network = new NetworkStream(client, ownsSocket: false);
        await using var ssl = new SslStream(network, leaveInnerStreamOpen: true);
        var handshakeTimeout = frontend.Config.Timeouts.HttpRequest ?? frontend.Config.Timeouts.Client;
        using (var deadline = handshakeTimeout is { } t ? new CancellationTokenSource(t, _options.TimeProvider) : new CancellationTokenSource())
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, _abort.Token))
        {
            try
            {
                await tls.AuthenticateAsServerAsync(ssl, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or SocketException)
            {
                ProxyLog.TlsHandshakeFailed(_logger, client.RemoteEndPoint?.ToString() ?? "?", frontend.Name, ex.Message);
                return;
            }
        }

        if (frontend.Config.Mode == ProxyMode.Http)
        {
            await using var connection = new HttpClientConnection(_http, client, ssl, frontend, isTls: true, _abort.Token, ssl.TargetHostName);
            await connection.RunAsync().ConfigureAwait(false);
        }
        else
        {
            await _tcp.HandleAsync(client, ssl, frontend, _abort.Token).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Re-reads the certificate files of every TLS bind whose files changed; new handshakes use the new certificates,
    /// established connections keep theirs, and a bad new file keeps the old certificates. Returns one line per bind.
    /// </summary>
    public IReadOnlyList<string> ReloadCertificates()
    {
        var report = new List<string>();
        foreach (var tls in _tlsProviders)
        {
            var result = tls.Store.ReloadIfChanged();
            var paths = string.Join(", ", tls.Store.Paths);
            report.Add(result.Outcome == TlsReloadOutcome.Failed
                ? $"{paths}: kept the previous certificates: {string.Join("; ", result.Problems.Select(p => p.Message))}"
                : $"{paths}: {result.Outcome.ToString().ToLowerInvariant()}");
        }

        return report;
    }

    private async Task CloseListenersAsync()
    {
        foreach (var listener in _listeners)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        _listeners.Clear();
    }

    private async Task ResolveServersAsync(CancellationToken cancellationToken)
    {
        foreach (var backend in _backends.Values)
        {
            foreach (var server in backend.Servers)
            {
                if (server.Address is not null)
                {
                    continue;
                }

                try
                {
                    var addresses = await _options.ResolveHost(server.Config.Host, cancellationToken).ConfigureAwait(false);
                    server.Address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
                }
                catch (SocketException ex)
                {
                    ProxyLog.ResolveFailed(_logger, backend.Name, server.Name, server.Config.Host, ex.Message);
                }

                if (server.Address is null)
                {
                    // HAProxy refuses to start on an unresolvable server unless init-addr allows it; we keep serving
                    // with the server marked down so one bad name does not take the whole node down.
                    server.State.SetHealth(ServerHealth.Down, _options.TimeProvider.GetTimestamp());
                }
            }
        }
    }
}
