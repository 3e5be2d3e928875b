using System.Threading.Channels;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Discovery;
using Appliance.HaAgent.Events;
using Appliance.HaAgent.Sync.Node;
using Appliance.Host.Store;
using Appliance.Host.Switchover;
using Appliance.Host.Sync;
using Appliance.ProxyCore;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Hosting;

/// <summary>
/// Runs the state sync beside the proxy when the <c>ha</c> section has sync (<c>sync_peer</c> lines, or
/// <c>discovery mdns</c> with an authentication mode): restores the persisted stick tables, starts the
/// <see cref="SyncNode"/> (gRPC server on <c>sync_listen</c>, the proxy's stick tables and server states plugged in,
/// this host as configuration participant), routes reloads to the cluster, follows the VRRP role and the peers that
/// discovery finds (<see cref="DiscoverySyncFeed"/>), and saves the tables periodically and at stop. Anything that
/// fails here is logged as critical, never hidden.
/// </summary>
internal sealed class SyncHost : IAsyncDisposable
{
    /// <summary>The sync service's own state file in the state directory (the highest master epoch seen).</summary>
    public const string EpochFileName = "sync-epoch";

    private readonly ConfigReloader _reloader;
    private readonly StickTablePersistence? _persistence;
    private readonly SwitchoverCoordinator? _switchover;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _feedGate = new();
    private Task _follow = Task.CompletedTask;
    private Task _watch = Task.CompletedTask;
    private Task _feedChain = Task.CompletedTask;
    private DiscoverySyncFeed? _feed;

    private SyncHost(SyncNode node, ConfigReloader reloader, StickTablePersistence? persistence, SwitchoverCoordinator? switchover, ILogger logger, TimeProvider time)
    {
        _time = time;
        Node = node;
        _reloader = reloader;
        _persistence = persistence;
        _switchover = switchover;
        _logger = logger;
    }

    /// <summary>The running sync node.</summary>
    public SyncNode Node { get; }

    /// <summary>
    /// Starts sync for <paramref name="ha"/>; null when it has no sync (a reload then stays local).
    /// </summary>
    /// <param name="ha">The node's <c>ha</c> section; null = none.</param>
    /// <param name="engine">The proxy: its stick tables and server states are replicated.</param>
    /// <param name="reloader">Applies committed configurations; from now on its reloads are proposed to the cluster.</param>
    /// <param name="recorder">The node's store: versions, the synced version, the persisted stick tables; null = none.</param>
    /// <param name="stateDirectory">Where the sync service keeps its epoch file.</param>
    /// <param name="switchover">The planned switchover: gets the sync drain and takeover requester, answers Takeover RPCs; null = none.</param>
    /// <param name="loggerFactory">Loggers.</param>
    /// <param name="time">The clock.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="InvalidOperationException">The keys cannot be loaded or the server cannot listen; the message says which and why.</exception>
    public static async Task<SyncHost?> StartAsync(
        HaConfig? ha, ProxyEngine engine, ConfigReloader reloader, ConfigRecorder? recorder, string stateDirectory,
        SwitchoverCoordinator? switchover, ILoggerFactory loggerFactory, TimeProvider time, CancellationToken cancellationToken)
    {
        if (ha?.Sync is not { } sync)
        {
            return null;
        }

        var logger = loggerFactory.CreateLogger("Appliance.Sync");
        var name = sync.NodeName ?? DiscoveryOptions.HostLabel(Environment.MachineName);
        var security = SyncSecurityLoader.Load(sync.Security, name);
        var participant = new HostConfigParticipant(reloader, recorder, name, logger);
        var persistence = recorder is null ? null : new StickTablePersistence(engine.StickTables, recorder, time, logger);
        // Before the first sync: what the peers send then wins over what the store had.
        persistence?.Restore();
        var node = new SyncNode(new SyncNodeOptions
        {
            NodeName = name,
            ListenEndPoint = sync.Listen,
            Security = security,
            Peers = ha.SyncPeers,
            DiscoversPeers = ha.Discovery is not null,
            StickTables = engine.StickTables,
            ServerHealth = engine.ServerHealth,
            Config = participant,
            RunningSharedText = _ => Task.FromResult<string?>(participant.RunningSharedText),
            StateFile = Path.Combine(stateDirectory, EpochFileName),
            Takeover = switchover is null ? null : new SwitchoverTakeoverHandler(name, switchover),
            LoggerFactory = loggerFactory,
            TimeProvider = time,
        });
        try
        {
            await node.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"cannot start the sync service on {sync.Listen}: {e.Message}", e);
        }

        persistence?.Start();
        reloader.Cluster = node.ProposeConfigAsync;
        engine.MetricsSource = new SyncMetrics(node.GetStatus);
        if (switchover is not null)
        {
            switchover.Drain = new SyncReplicationDrain(node, time);
            switchover.Takeover = new SyncTakeoverRequester(node);
        }

        SyncLog.Started(logger, name, node.EndPoint.ToString(), node.PeerCount, security.UsesTls ? "mutual TLS" : "pre-shared key");
        var host = new SyncHost(node, reloader, persistence, switchover, logger, time);
        host._watch = WatchAsync(node.Completion, switchover is null ? () => Task.FromResult(false) : switchover.GiveUpAsync, logger, host._stop.Token);
        // The election starts after the initial pull (at most SyncNodeOptions.InitialSyncTimeout, 5 s): a node that
        // would win at once must not become master with tables its peers have not filled yet.
        var outcome = await node.WaitForInitialSyncAsync(cancellationToken).ConfigureAwait(false);
        SyncLog.InitialSync(logger, outcome.ToString());
        return host;
    }

    /// <summary>
    /// <see cref="StartAsync"/> for <c>appliance run</c>: a failure is written to <paramref name="stderr"/> as
    /// <c>Not starting: sync: ...</c> and returned as false (the node then exits 1 rather than serve without sync).
    /// </summary>
    public static async Task<(bool Started, SyncHost? Host)> StartOrReportAsync(
        HaConfig? ha, ProxyEngine engine, ConfigReloader reloader, ConfigRecorder? recorder, string stateDirectory,
        SwitchoverCoordinator? switchover, ILoggerFactory loggerFactory, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            return (true, await StartAsync(ha, engine, reloader, recorder, stateDirectory, switchover, loggerFactory, TimeProvider.System, cancellationToken).ConfigureAwait(false));
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"Not starting: sync: {e.Message}");
            return (false, null);
        }
    }

    /// <summary>
    /// Follows <paramref name="agent"/>'s role from now on (its current role at once, then every change); null when the
    /// agent stops, which leaves the node's role at Initialize. With discovery, the agent's discovered nodes become sync
    /// peers (<see cref="DiscoverySyncFeed"/>), and the agent's fast takeover watches the node's live peer set.
    /// </summary>
    public void Follow(HaAgentHost? agent)
    {
        _ = ReplaceFeed(agent);
        if (agent is null)
        {
            SetRole(Appliance.Contracts.HaRole.Initialize);
            return;
        }

        agent.UseSyncPeers(() => Node.Peers);

        // Subscribe before reading the current role: a change in between is then delivered, not lost.
        var changes = agent.Events.Subscribe();
        SetRole(agent.Role);
        _follow = FollowAsync(changes);
    }

    /// <summary>Applies the file on this node only (<c>appliance reload --local</c>): for when a peer is down and would refuse every change.</summary>
    public Task<(bool Applied, string Message)> ReloadLocalAsync() => _reloader.ReloadAsync(local: true);

    /// <summary>Stops following, saves the stick tables a last time, stops the sync node; reloads become local again.</summary>
    public async ValueTask DisposeAsync()
    {
        _reloader.Cluster = null;
        if (_switchover is not null)
        {
            _switchover.Drain = null;
            _switchover.Takeover = null;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _follow.ConfigureAwait(false);
        await _watch.ConfigureAwait(false);
        await ReplaceFeed(null).ConfigureAwait(false);
        if (_persistence is not null)
        {
            await _persistence.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await Node.StopAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SyncLog.Failed(_logger, "stopping the sync node", e);
        }

        _stop.Dispose();
    }

    /// <summary>
    /// Waits for the sync service's <paramref name="completion"/>; when it ends before <paramref name="stopping"/> (a fault
    /// or an unexpected end), logs it as critical and gives up the VIP with <paramref name="giveUp"/>.
    /// </summary>
    internal static async Task WatchAsync(Task completion, Func<Task<bool>> giveUp, ILogger logger, CancellationToken stopping)
    {
        Exception? failure = null;
        try
        {
            await completion.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = e;
        }

        if (stopping.IsCancellationRequested)
        {
            return;
        }

        SyncLog.GaveUp(logger, failure is null ? "its replication pump ended" : $"its replication pump failed: {failure.Message}", failure);
        try
        {
            await giveUp().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SyncLog.Failed(logger, "giving up the VIP", e);
        }
    }

    /// <summary>Queues the switch to a discovery feed for <paramref name="agent"/> (none without discovery): one feed at a time, in call order.</summary>
    private Task ReplaceFeed(HaAgentHost? agent)
    {
        var feed = agent?.Discovery is { } discovery && agent.Config.Discovery is { } config
            ? new DiscoverySyncFeed(Node, discovery, config.ClusterId, DiscoverySyncFeed.DefaultGrace, _time, _logger)
            : null;
        lock (_feedGate)
        {
            _feedChain = SwitchFeedAsync(_feedChain, feed);
            return _feedChain;
        }
    }

    /// <summary>After <paramref name="before"/>, stops the current feed (if any) and starts <paramref name="feed"/>.</summary>
    private async Task SwitchFeedAsync(Task before, DiscoverySyncFeed? feed)
    {
        await before.ConfigureAwait(false);
        var previous = _feed;
        _feed = feed;
        try
        {
            if (previous is not null)
            {
                await previous.DisposeAsync().ConfigureAwait(false);
            }

            feed?.Start();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SyncLog.Failed(_logger, "following the discovered peers", e);
        }
    }

    private async Task FollowAsync(ChannelReader<RoleChangeEvent> changes)
    {
        try
        {
            await foreach (var change in changes.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                SetRole(change.To);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SyncLog.Failed(_logger, "following the VRRP role", e);
        }
    }

    private void SetRole(Appliance.Contracts.HaRole role)
    {
        try
        {
            Node.SetRole(role);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            SyncLog.Failed(_logger, $"telling the sync node its role {role}", e);
        }
    }
}
