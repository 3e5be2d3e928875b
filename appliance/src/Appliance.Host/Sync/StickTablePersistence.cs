using Appliance.Contracts.Replication;
using Appliance.Host.Store;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Sync;

/// <summary>
/// Keeps the replicated stick tables in the node's store (docs/operations.md "Stick tables across restarts"): restored
/// at start before the first sync, saved every <see cref="Interval"/> and once more at a clean stop. A store that is
/// unusable is logged and skipped (the node still gets the tables from its peers); it never stops the node.
/// </summary>
internal sealed class StickTablePersistence : IAsyncDisposable
{
    /// <summary>
    /// 10 s: what a node that crashes loses of its own learning is at most this much, and its peers hold it anyway; a
    /// snapshot of 100,000 entries takes well under a second of one core.
    /// </summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    private readonly IStickTableReplica _replica;
    private readonly ConfigRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _saving = new();
    private ITimer? _timer;

    public StickTablePersistence(IStickTableReplica replica, ConfigRecorder recorder, TimeProvider time, ILogger logger, TimeSpan? interval = null)
    {
        _replica = replica;
        _recorder = recorder;
        _time = time;
        _logger = logger;
        Interval = interval ?? DefaultInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Interval, TimeSpan.Zero, nameof(interval));
    }

    /// <summary>How often the tables are saved; default <see cref="DefaultInterval"/>.</summary>
    public TimeSpan Interval { get; }

    /// <summary>
    /// Applies the stored live entries to the replica (each with the lifetime it has left); entries of tables the running
    /// configuration no longer replicates are skipped. Returns how many were applied.
    /// </summary>
    public int Restore()
    {
        var entries = _recorder.Use(store => StickEntryStore.Load(store, _time.GetUtcNow()));
        if (entries is null)
        {
            return 0;
        }

        var applied = entries.Count(entry => _replica.Apply(entry));
        SyncLog.TablesRestored(_logger, applied, entries.Count - applied);
        return applied;
    }

    /// <summary>Starts the periodic save.</summary>
    public void Start() => _timer ??= _time.CreateTimer(_ => Save(), null, Interval, Interval);

    /// <summary>Saves every live entry now; returns how many, or null when the store is unusable (logged).</summary>
    public int? Save()
    {
        // A slow disk must not pile saves up: a tick that finds one running is skipped.
        if (!_saving.TryEnter())
        {
            return null;
        }

        try
        {
            var entries = _replica.Tables.SelectMany(t => _replica.Snapshot(t.Name)).ToList();
            int? saved = _recorder.Use<int?>(store => StickEntryStore.Save(store, entries, _time.GetUtcNow()));
            if (saved is { } count)
            {
                SyncLog.TablesSaved(_logger, count);
            }

            return saved;
        }
        finally
        {
            _saving.Exit();
        }
    }

    /// <summary>Stops the periodic save and saves once more (a clean stop keeps everything learned until now).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_timer is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        Save();
    }
}
