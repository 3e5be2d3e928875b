using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Store;

/// <summary>
/// The running node's side of the store: records the configuration it starts with and each one a reload applies.
/// Recording never fails the node: an unusable store is logged and opened again at the next configuration, because
/// serving matters more than its history (and a crash here would be a crash loop under systemd).
/// </summary>
internal sealed class ConfigRecorder
{
    private readonly StateDirectory _directory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private ConfigStore? _store;

    private ConfigRecorder(StateDirectory directory, ILogger logger, TimeProvider time)
    {
        _directory = directory;
        _logger = logger;
        _time = time;
    }

    /// <summary>The open store, or null while it is unavailable (for the admin API and sync, later).</summary>
    public ConfigStore? Store
    {
        get
        {
            lock (_gate)
            {
                return _store;
            }
        }
    }

    /// <summary>Opens the store under <paramref name="stateDirectory"/> and records <paramref name="text"/> with origin <see cref="ConfigOrigin.Start"/>.</summary>
    /// <param name="time">Timestamps; default <see cref="TimeProvider.System"/>.</param>
    public static ConfigRecorder Start(string stateDirectory, string text, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        var recorder = new ConfigRecorder(new StateDirectory(stateDirectory), loggerFactory.CreateLogger("appliance.store"), time ?? TimeProvider.System);
        recorder.Record(text, ConfigOrigin.Start);
        return recorder;
    }

    /// <summary>Records <paramref name="text"/> as applied with <paramref name="origin"/>; null when the store is unavailable (logged).</summary>
    public ConfigRecordResult? Record(string text, string origin) => Use(store => store.Record(text, origin));

    /// <summary>The last synced configuration's cluster-wide version and hash (<see cref="ConfigStore.SyncedConfig"/>); null when none or unavailable.</summary>
    public (long Version, string Sha256)? SyncedConfig => Use(store => store.SyncedConfig);

    /// <summary>Records the cluster-wide version of the configuration a sync commit applied; false when the store is unavailable (logged).</summary>
    public bool RecordSynced(long version, string sha256) => Use(store =>
    {
        store.SetSyncedConfig(version, sha256);
        return true;
    });

    /// <summary>Runs <paramref name="work"/> on the store, opening it again when it was unavailable; default(T) when it still is (logged).</summary>
    public T? Use<T>(Func<ConfigStore, T> work)
    {
        lock (_gate)
        {
            try
            {
                _store ??= ConfigStore.Open(_directory, _logger, _time);
                return work(_store);
            }
            catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or StoreUnavailableException)
            {
                StoreLog.Unavailable(_logger, _directory.StorePath, e.Message);
                return default;
            }
        }
    }
}
