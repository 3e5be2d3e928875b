using Appliance.Contracts;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Driver;
using Appliance.HaAgent.Events;
using Appliance.HaAgent.Linux;
using Appliance.HaAgent.Liveness;
using Appliance.HaAgent.Notify;
using Appliance.HaAgent.Tracking;
using Appliance.HaAgent.Vrrp;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Agent;

/// <summary>
/// The ha-agent of one node on Linux: composes the rtnetlink VIP manager, the raw VRRP transport, the AF_PACKET GARP
/// sender, the trackers, the event stream, the notify runner and the driver from a validated <c>ha</c> section, and
/// owns the exit paths. Start-up removes this instance's VIPs before anything else (a predecessor killed with -9 may have
/// left them: DESIGN), and the process-exit and unhandled-exception hooks remove them again.
/// </summary>
public sealed partial class HaAgentService : IAsyncDisposable
{
    private readonly LinuxVrrpTransport _transport;
    private readonly PacketGarpSender _garp;
    private readonly NotifyRunner _notify;
    private readonly HaAgentOptions _options;
    private readonly ILogger _logger;
    private HaConfig _config;
    private IReadOnlyList<RunningTracker> _trackers;
    private MasterLivenessMonitor? _liveness;
    private int _stopped;

    private HaAgentService(
        HaConfig config, LinuxVrrpTransport transport, PacketGarpSender garp, IReadOnlyList<RunningTracker> trackers,
        RoleEventStream events, NotifyRunner notify, VrrpDriver driver, HaAgentOptions options, ILogger logger)
    {
        _config = config;
        _transport = transport;
        _garp = garp;
        _trackers = trackers;
        Events = events;
        _notify = notify;
        Driver = driver;
        _options = options;
        _logger = logger;
    }

    /// <summary>The <c>ha</c> section the agent runs with: the start-up one, or the <see cref="HaReloadPlan.Effective"/> of the last reload.</summary>
    public HaConfig Config => Volatile.Read(ref _config);

    /// <summary>The ordered role changes of this agent.</summary>
    public RoleEventStream Events { get; }

    /// <summary>The driver of the instance (role, priority, counters).</summary>
    public VrrpDriver Driver { get; }

    /// <summary>The current role.</summary>
    public HaRole Role => Driver.Role;

    /// <summary>
    /// Builds and starts the agent for <paramref name="config"/>. <paramref name="subscribe"/>, when given, receives a
    /// subscription to the event stream before the first event, so the host sees the start-up transition too.
    /// </summary>
    public static async Task<HaAgentService> StartAsync(
        HaConfig config, HaAgentOptions options, Action<RoleEventStream>? subscribe = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        if (config.TrackProxy is not null && options.ProxyHealth is null)
        {
            throw new InvalidOperationException("track_proxy is set but the host supplied no proxy health");
        }

        var logger = options.LoggerFactory.CreateLogger("Appliance.HaAgent");
        var vips = new NetlinkVipManager();
        await vips.RemoveAsync(config.ResolvedVirtualAddresses, cancellationToken).ConfigureAwait(false);
        var primary = config.UnicastSource
            ?? await vips.GetPrimaryAddressAsync(config.Interface, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"interface {config.Interface} has no IPv4 address to send adverts from (set unicast_src_ip or add one)");
        var authenticator = config.AuthKeyFile is { } keyFile ? ReadKey(keyFile) : null;
        var driverOptions = VrrpDriverOptions.From(config, primary, authenticator);

        var trackers = await StartTrackersAsync(config, [], options, logger, cancellationToken).ConfigureAwait(false);
        var events = new RoleEventStream();
        subscribe?.Invoke(events);
        // Always subscribed, so a reload can add a notify program (with none the events are read and dropped).
        var notify = new NotifyRunner(config.Notify, config.NotifyTimeout, events.Subscribe(), options.TimeProvider, logger);
        var garp = new PacketGarpSender();
        foreach (var vip in driverOptions.VirtualAddresses)
        {
            garp.Prepare(vip.Device, vip.Address);
        }

        var transport = LinuxVrrpTransport.Open(config.Interface, primary, driverOptions.Destinations, multicast: !config.IsUnicast);
        var driver = new VrrpDriver(driverOptions, transport, vips, garp, [.. trackers.Select(t => t.Tracker)], events, options.TimeProvider, logger);
        var service = new HaAgentService(config, transport, garp, trackers, events, notify, driver, options, logger);
        AppDomain.CurrentDomain.ProcessExit += service.OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException += service.OnUnhandledException;
        await driver.StartAsync(cancellationToken).ConfigureAwait(false);
        if (config.Sync is not null)
        {
            // Fast takeover when the master's process dies (docs/ha.md): watches the master's sync port (sync_peer
            // lines; discovered peers once the sync service hands over its live set through UseSyncPeers).
            service._liveness = new MasterLivenessMonitor(driver, config.SyncPeers, options.TimeProvider, logger);
            service._liveness.Start();
        }

        return service;
    }

    /// <summary>
    /// The fast takeover follows <paramref name="peers"/> (the sync node's live peer set, discovered peers included)
    /// instead of the <c>sync_peer</c> lines; nothing when the section has no sync.
    /// </summary>
    public void UseSyncPeers(Func<IReadOnlyList<SyncPeerConfig>> peers) => _liveness?.UsePeers(peers);

    /// <summary>
    /// Graceful stop: priority 0 advert when master (RFC 5798 §6.4.3), VIPs removed, the last notify delivered (at
    /// most <c>notify_timeout</c>), then everything closed.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        try
        {
            if (_liveness is not null)
            {
                await _liveness.DisposeAsync().ConfigureAwait(false);
            }

            await Driver.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            Events.Complete();
            try
            {
                await _notify.Completion.WaitAsync(Config.NotifyTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The last program overran notify_timeout; it is killed at its own timeout, stopping does not wait longer.
            }

            foreach (var running in _trackers)
            {
                await running.Tracker.DisposeAsync().ConfigureAwait(false);
            }

            await Driver.DisposeAsync().ConfigureAwait(false);
            await _transport.DisposeAsync().ConfigureAwait(false);
            _garp.Dispose();
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static VrrpAuthenticator ReadKey(string path)
    {
        if (!VrrpAuthKey.TryRead(File.ReadAllBytes(path), out var key, out var error))
        {
            throw new InvalidOperationException($"auth_key_file {path}: {error}");
        }

        return new VrrpAuthenticator(key);
    }

    private void OnProcessExit(object? sender, EventArgs e) => Driver.RemoveAddressesNow();

    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e) => Driver.RemoveAddressesNow();
}
