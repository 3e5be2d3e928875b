using System.Net;
using Appliance.Contracts;
using Appliance.HaAgent.Sync.Client;
using Appliance.HaAgent.Sync.ConfigSync;
using Appliance.HaAgent.Sync.Replication;
using Appliance.HaAgent.Sync.Server;
using Appliance.HaAgent.Sync.Status;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>
/// The state sync of one node (docs/sync.md): serves the <c>appliance.sync.v1.Sync</c> service, pulls its peers'
/// state at start, streams stick-table and server-health changes to every peer while master, applies a master's
/// stream while backup, and coordinates configuration changes (two-phase commit) and planned switchovers.
/// The host creates one, starts it, and tells it every role change.
/// </summary>
public sealed partial class SyncNode : IAsyncDisposable
{
    private readonly SyncNodeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ChangeQueue _queue;
    private readonly ReplicationLog _log;
    private readonly EpochState _epochs;
    private readonly BackupReplicator _backup;
    private readonly ConfigParticipantGate _configGate;
    private readonly SyncPeerSet _peerSet;
    private readonly AsyncSignal _acked = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<InitialSyncOutcome> _initialSync = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _roleGate = new();
    private readonly SemaphoreSlim _proposals = new(1, 1);
    private GrpcServerHost? _server;
    private Task? _pump;
    private Task? _initialPull;
    private CancellationTokenSource? _mastership;
    private List<Task> _streams = [];
    private HaRole _role = HaRole.Initialize;
    private volatile bool _established;
    private int _started;
    private int _stopped;

    /// <summary>Prepares the node; nothing listens or dials until <see cref="StartAsync"/>.</summary>
    public SyncNode(SyncNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeName);
        _options = options;
        _time = options.TimeProvider;
        _logger = options.LoggerFactory.CreateLogger("Appliance.HaAgent.Sync");
        _queue = new ChangeQueue(options.ChangeQueueCapacity, _time);
        _log = new ReplicationLog(options.MaxBacklog);
        var persisted = options.StateFile is { } file ? EpochFile.Read(file) : 0;
        _epochs = new EpochState(persisted, options.StateFile is { } path ? epoch => EpochFile.Write(path, epoch) : null);
        _configGate = new ConfigParticipantGate(options.NodeName, options.Config, StageTimeout, _time);
        _backup = new BackupReplicator(options.NodeName, options.StickTables, options.ServerHealth, _epochs, () => _configGate.Running, _time);
        _backup.SnapshotApplied += OnMasterSnapshotApplied;
        _peerSet = new SyncPeerSet(options.NodeName, options.Peers, CreateLink);
    }

    /// <summary>This node's name.</summary>
    public string NodeName => _options.NodeName;

    /// <summary>The bound sync endpoint (the real port when the options asked for port 0).</summary>
    /// <exception cref="InvalidOperationException">Before <see cref="StartAsync"/>.</exception>
    public IPEndPoint EndPoint => _server?.EndPoint ?? throw new InvalidOperationException("the sync node has not started");

    /// <summary>The role the host last set; <see cref="HaRole.Initialize"/> until then.</summary>
    public HaRole Role
    {
        get
        {
            lock (_roleGate)
            {
                return _role;
            }
        }
    }

    /// <summary>
    /// True once the initial pull has ended (loaded, no peers, or timed out). Until then the node publishes nothing as
    /// master; the host should delay preempting or serving as master until this is true (see <see cref="WaitForInitialSyncAsync"/>).
    /// </summary>
    public bool InitialSyncDone => _initialSync.Task.IsCompleted;

    /// <summary>How the initial pull ended (<see cref="InitialSyncOutcome.Pending"/> while it runs).</summary>
    public InitialSyncOutcome InitialSyncOutcome => _initialSync.Task.IsCompleted ? _initialSync.Task.Result : InitialSyncOutcome.Pending;

    /// <summary>A staged configuration whose coordinator never decided is dropped after this: 30 s, six phase timeouts.</summary>
    private static TimeSpan StageTimeout => TimeSpan.FromSeconds(30);

    /// <summary>Starts listening, subscribes to the replicas and begins the initial pull (which runs on in the background).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the sync node was already started");
        }

        var services = Register(new GrpcServiceRegistry());
        _server = new GrpcServerHost(
            new GrpcServerOptions { EndPoint = _options.ListenEndPoint, Security = _options.Security }, services, _options.LoggerFactory, _time);
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);
        _options.StickTables?.SetObserver(_queue);
        if (_options.ServerHealth is { } health)
        {
            health.Changed += _queue.OnHealthChanged;
        }

        _pump = Task.Run(() => PumpAsync(_stopping.Token), CancellationToken.None);
        _initialPull = Task.Run(() => InitialPullAsync(_stopping.Token), CancellationToken.None);
        SyncLog.Started(_logger, NodeName, _server.EndPoint.ToString(), _peerSet.Links.Count);
    }

    /// <summary>Stops every stream and the server; unsubscribes from the replicas.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || Volatile.Read(ref _started) == 0)
        {
            return;
        }

        _options.StickTables?.SetObserver(null);
        if (_options.ServerHealth is { } health)
        {
            health.Changed -= _queue.OnHealthChanged;
        }

        List<Task> streams;
        lock (_roleGate)
        {
            _mastership?.Cancel();
            streams = [.. _streams];
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _queue.Complete();
        _initialSync.TrySetResult(InitialSyncOutcome.TimedOut);
        await IgnoreCancellation([.. streams, _pump ?? Task.CompletedTask, _initialPull ?? Task.CompletedTask]).ConfigureAwait(false);
        if (_server is not null)
        {
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
            await _server.StopAsync(stopTimeout.Token).ConfigureAwait(false);
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var peer in _peerSet.Links)
        {
            peer.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Tells the node its role. Becoming master starts a new epoch (higher than any seen) and streams to every peer;
    /// leaving master closes those streams. Cheap and non-blocking: call it from the role event handler.
    /// </summary>
    public void SetRole(HaRole role)
    {
        lock (_roleGate)
        {
            if (role == _role)
            {
                return;
            }

            var wasMaster = _role == HaRole.Master;
            _role = role;
            if (wasMaster)
            {
                _mastership?.Cancel();
                _mastership = null;
                _epochs.EndMastership();
                foreach (var peer in _peerSet.Links)
                {
                    peer.State.Idle();
                }
            }

            if (role == HaRole.Master && Volatile.Read(ref _stopped) == 0)
            {
                var epoch = _epochs.BeginMastership();
                SyncLog.BecameMaster(_logger, epoch);
                _mastership = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                _streams = [.. _streams.Where(t => !t.IsCompleted)];
                foreach (var peer in _peerSet.Links)
                {
                    StartStream(peer, _mastership.Token);
                }
            }
        }
    }

    /// <summary>
    /// The replication pump: runs from <see cref="StartAsync"/> until <see cref="StopAsync"/>. Completing (or faulting)
    /// before a stop means local changes no longer reach the peers: the host treats that as this part of the node dying.
    /// Completed before the start.
    /// </summary>
    public Task Completion => _pump ?? Task.CompletedTask;

    /// <summary>Completes when the initial pull has ended (at most <see cref="SyncNodeOptions.InitialSyncTimeout"/> after start).</summary>
    public Task<InitialSyncOutcome> WaitForInitialSyncAsync(CancellationToken cancellationToken = default) =>
        _initialSync.Task.WaitAsync(cancellationToken);

    /// <summary>This node's sync state now (cheap: no calls to peers).</summary>
    public SyncStatus GetStatus()
    {
        var head = _log.Head;
        var running = _configGate.Running;
        var peers = _peerSet.Links.Select(p => p.State.ToStatus(head) with { Source = p.Source }).ToList();
        var drift = running is null
            ? []
            : peers.Where(p => p.Config is { } c && (c.Version != running.Version || c.Sha256 != running.Sha256))
                .Select(p => new NodeConfigVersion(p.Name, p.Config!.Version, p.Config.Sha256)).ToList();
        var role = Role;
        return new SyncStatus(
            NodeName,
            role,
            role == HaRole.Master ? _epochs.Own : _epochs.Accepted.Epoch,
            head,
            _queue.Count,
            _queue.Overflows,
            InitialSyncOutcome,
            _established,
            running,
            TableSizes(),
            peers,
            _backup.Status,
            drift);
    }

    private List<TableSize> TableSizes() =>
        _options.StickTables?.Tables.Select(t => new TableSize(t.Name, t.Count)).ToList() ?? [];

    private static async Task IgnoreCancellation(IEnumerable<Task> tasks)
    {
        foreach (var task in tasks)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }
    }
}
