using Appliance.HaAgent.Agent;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Discovery;
using Appliance.HaAgent.Events;
using Appliance.ProxyCore;
using Appliance.ProxyCore.Configuration;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Hosting;

/// <summary>
/// Runs the ha-agent beside the proxy when the configuration has an <c>ha</c> section: adapts the section's lines to
/// <see cref="HaConfigLine"/>s, validates them, starts the agent after the proxy, prints one stdout line and logs one
/// <c>role</c> event (syslog) per role change, and stops it (priority 0 advert, VIPs removed) before the proxy drains.
/// </summary>
internal sealed class HaAgentHost : IAsyncDisposable, Switchover.ISwitchoverAgent
{
    private const string SectionKeyword = "ha";

    private readonly HaAgentService _service;
    private readonly Task _printer;

    private HaAgentHost(HaAgentService service, Task printer, DiscoveryService? discovery)
    {
        _service = service;
        _printer = printer;
        Discovery = discovery;
    }

    /// <summary>
    /// Peer discovery when the section has <c>discovery mdns</c>, else null: announces this node and reports the other
    /// nodes of its cluster. The sync wiring (<see cref="SyncHost.Follow"/>, <see cref="Sync.DiscoverySyncFeed"/>) makes
    /// them sync peers at <see cref="DiscoveryPeer.SyncEndPoint"/> from <see cref="DiscoveryService.Peers"/> and the
    /// <see cref="DiscoveryService.PeerFound"/>/<see cref="DiscoveryService.PeerUpdated"/>/<see cref="DiscoveryService.PeerLost"/> events.
    /// </summary>
    public DiscoveryService? Discovery { get; }

    /// <summary>The <c>ha</c> section the agent runs with (after a reload: its live keywords from the file, its restart-only ones as started).</summary>
    public HaConfig Config => _service.Config;

    /// <summary>Prepares a reload of the <c>ha</c> section (<see cref="HaAgentService.PrepareReloadAsync"/>); the caller commits or disposes it.</summary>
    public Task<HaAgentReload> PrepareReloadAsync(HaConfig next, CancellationToken cancellationToken = default) =>
        _service.PrepareReloadAsync(next, cancellationToken);

    /// <summary>The role now (Initialize, Backup, Master).</summary>
    public Appliance.Contracts.HaRole Role => _service.Driver.Role;

    /// <inheritdoc />
    public TimeSpan AdvertInterval => Config.AdvertInterval;

    /// <summary>The priority advertised now (after tracker penalties).</summary>
    public byte Priority => _service.Driver.Priority;

    /// <inheritdoc />
    public Appliance.HaAgent.Net.Ipv4Address? MasterAddress => _service.Driver.MasterAddress;

    /// <inheritdoc />
    public bool IsHeld => _service.Driver.IsHeld;

    /// <inheritdoc />
    public byte? PriorityOverride => _service.Driver.PriorityOverride;

    /// <inheritdoc />
    public Task<Appliance.Contracts.HaRole> ResignAsync(TimeSpan? hold) => _service.Driver.ResignAsync(hold);

    /// <inheritdoc />
    public Task<Appliance.Contracts.HaRole> OverridePriorityAsync(byte? priority, TimeSpan? duration) => _service.Driver.OverridePriorityAsync(priority, duration);

    /// <inheritdoc />
    public Task<Appliance.Contracts.HaRole> ReleaseAsync() => _service.Driver.ReleaseAsync();

    /// <summary>The fast takeover watches <paramref name="peers"/> (the sync node's live set, discovered peers included).</summary>
    public void UseSyncPeers(Func<IReadOnlyList<SyncPeerConfig>> peers) => _service.UseSyncPeers(peers);

    /// <summary>The agent's role changes, in order (the sync service follows them).</summary>
    public RoleEventStream Events => _service.Events;

    /// <summary>Completes when the agent's driver ends; faulted when it failed.</summary>
    public Task Completion => _service.Driver.Completion;

    /// <summary>
    /// Validates the <c>ha</c> section of <paramref name="config"/>: every diagnostic as <c>FILE:LINE: error|warning: ...</c>,
    /// and the section when it has no error (null when there is no section or it has errors).
    /// </summary>
    public static (HaConfig? Config, IReadOnlyList<HaDiagnostic> Diagnostics) Check(ApplianceConfig config)
    {
        var sections = config.OtherSections.Where(s => s.Keyword == SectionKeyword).ToList();
        if (sections.Count == 0)
        {
            return (null, [.. Sync.PeersSectionCheck.Check(config, null)]);
        }

        var diagnostics = new List<HaDiagnostic>();
        foreach (var extra in sections.Skip(1))
        {
            diagnostics.Add(new HaDiagnostic(extra.Location.File, extra.Location.Line, true,
                $"'ha' may appear once (first at {sections[0].Location}); one node runs one virtual router"));
        }

        var section = sections[0];
        var result = HaConfigParser.Parse(
            new HaConfigLine(section.Keyword, section.Arguments, section.Location.File, section.Location.Line),
            section.Lines.Select(l => new HaConfigLine(l.Keyword, l.Arguments, l.Location.File, l.Location.Line)));
        diagnostics.InsertRange(0, result.Diagnostics);
        if (result.Config is not null)
        {
            diagnostics.AddRange(Sync.PeersSectionCheck.Check(config, result.Config));
        }

        return (diagnostics.Any(d => d.IsError) ? null : result.Config, diagnostics);
    }

    /// <summary>True when <paramref name="config"/> has an <c>ha</c> section.</summary>
    public static bool HasSection(ApplianceConfig config) => config.OtherSections.Any(s => s.Keyword == SectionKeyword);

    /// <summary>
    /// Serves until <paramref name="shutdown"/> completes (the signal's name). With an <c>ha</c> section the agent is
    /// started first and stopped gracefully before returning; when it cannot start, or its driver fails, the reason goes
    /// to <paramref name="stderr"/> and the exit code is 1 (systemd restarts the unit). Without one this only waits.
    /// </summary>
    public static async Task<int> ServeAsync(
        HaConfig? config, ProxyEngine engine, ILoggerFactory loggerFactory, TextWriter stdout, TextWriter stderr,
        Task<string> shutdown, CancellationToken cancellationToken, Action<HaAgentHost?>? started = null)
    {
        var logger = loggerFactory.CreateLogger("appliance");
        if (config is null)
        {
            logger.LogInformation("Received {Signal}: stopping", await shutdown.ConfigureAwait(false));
            return 0;
        }

        HaAgentHost host;
        try
        {
            host = await StartAsync(config, engine, loggerFactory, stdout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            stderr.WriteLine($"Not starting: ha: {e.Message}");
            return 1;
        }

        started?.Invoke(host);
        await Task.WhenAny(shutdown, host.Completion).ConfigureAwait(false);
        started?.Invoke(null);
        var failed = !shutdown.IsCompleted;
        logger.LogInformation("{Cause}: stopping the ha-agent", failed ? "The ha-agent failed" : $"Received {shutdown.Result}");
        try
        {
            await host.StopAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (failed)
        {
            stderr.WriteLine($"ha: the agent failed: {e.Message}");
        }

        return failed ? 1 : 0;
    }

    /// <summary>Starts the agent for <paramref name="config"/>; role changes are printed on <paramref name="stdout"/>.</summary>
    public static async Task<HaAgentHost> StartAsync(
        HaConfig config, ProxyEngine engine, ILoggerFactory loggerFactory, TextWriter stdout, CancellationToken cancellationToken)
    {
        Task printer = Task.CompletedTask;
        var options = new HaAgentOptions { LoggerFactory = loggerFactory, ProxyHealth = new HaProxyHealth(engine) };
        var events = loggerFactory.CreateLogger(Logging.ApplianceEvents.Category);
        var service = await HaAgentService.StartAsync(
            config, options, stream => printer = RelayAsync(stream, stdout, events), cancellationToken).ConfigureAwait(false);
        DiscoveryService? discovery = null;
        try
        {
            discovery = await StartDiscoveryAsync(config, loggerFactory, stdout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await service.StopAsync().ConfigureAwait(false);
            throw;
        }

        return new HaAgentHost(service, printer, discovery);
    }

    private static async Task<DiscoveryService?> StartDiscoveryAsync(
        HaConfig config, ILoggerFactory loggerFactory, TextWriter stdout, CancellationToken cancellationToken)
    {
        if (config.Discovery is null)
        {
            return null;
        }

        var options = DiscoveryOptions.FromConfig(config, Environment.MachineName);
        var discovery = DiscoveryService.Open(options, TimeProvider.System, loggerFactory.CreateLogger("Appliance.HaAgent.Discovery"));
        // One stdout line per change, like the role lines (the log has them too, event ids 5301-5312).
        discovery.PeerFound += (_, peer) => PrintPeer(stdout, "found", peer);
        discovery.PeerLost += (_, peer) => PrintPeer(stdout, "lost", peer);
        await discovery.StartAsync(cancellationToken).ConfigureAwait(false);
        return discovery;
    }

    private static void PrintPeer(TextWriter stdout, string what, DiscoveryPeer peer)
    {
        lock (stdout)
        {
            stdout.WriteLine($"discovery: {what} {peer}");
            stdout.Flush();
        }
    }

    /// <summary>Graceful stop: priority 0 advert when master, VIPs removed, last notify delivered.</summary>
    public async Task StopAsync()
    {
        if (Discovery is not null)
        {
            // The goodbye (TTL 0) first, so peers drop this node about a second later rather than at TTL expiry.
            await Discovery.DisposeAsync().ConfigureAwait(false);
        }

        await _service.StopAsync().ConfigureAwait(false);
        await _printer.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Until the stream completes: each role change as one stdout line and as a <c>role</c> appliance event (syslog).</summary>
    internal static async Task RelayAsync(RoleEventStream events, TextWriter stdout, ILogger eventLogger)
    {
        await foreach (var change in events.Subscribe().ReadAllAsync().ConfigureAwait(false))
        {
            Logging.ApplianceEvents.RoleChanged(eventLogger, change);
            stdout.WriteLine($"ha: {change}");
            await stdout.FlushAsync().ConfigureAwait(false);
        }
    }
}
