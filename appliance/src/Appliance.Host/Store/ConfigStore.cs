using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Host.Store;

/// <summary>
/// The node's config store: every applied configuration (version, hash, time, origin, node, full text), the node's
/// identity and the cluster keys. Versions are contents, not events: recording the text of the newest version again
/// writes nothing (the log has the restart or reload). Safe to share between threads of the running node; CLI
/// invocations open their own read-only instance at the same time.
/// </summary>
internal sealed class ConfigStore
{
    private const string NodeIdKey = "node.id";
    private const string NodeNameKey = "node.name";
    private const string ClusterKeyPrefix = "cluster-key.";
    private const string SyncVersionKey = "sync.config-version";
    private const string SyncHashKey = "sync.config-sha256";

    private readonly StoreDatabase _database;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    // The node table as last written: re-seeded into a store recreated under the running node, so identity and keys survive.
    private readonly Dictionary<string, string> _nodeRows;

    // The text of the newest version this instance recorded: what the node runs, recorded first into a recreated store.
    private string? _running;

    // The file was recreated and no configuration was recorded since: the next Record starts the new history.
    private bool _recoveryPending;

    private ConfigStore(StoreDatabase database, ILogger logger, TimeProvider time, Dictionary<string, string> nodeRows, bool recovered)
    {
        _database = database;
        _logger = logger;
        _time = time;
        _nodeRows = nodeRows;
        _recoveryPending = recovered;
    }

    /// <summary>The database file.</summary>
    public string Path => _database.Path;

    /// <summary>This node's identity; generated when the store is created.</summary>
    public NodeIdentity Node
    {
        get
        {
            lock (_gate)
            {
                return new NodeIdentity(_nodeRows[NodeIdKey], _nodeRows[NodeNameKey]);
            }
        }
    }

    /// <summary>
    /// Opens (creating or recovering, see <see cref="StoreDatabase.OpenReadWrite"/>) the store under
    /// <paramref name="directory"/> for the running node, and creates the node identity when it has none.
    /// </summary>
    /// <param name="hostName">The default node name for a new identity; default <see cref="Environment.MachineName"/>.</param>
    /// <param name="time">Timestamps of versions and moved-aside files; default <see cref="TimeProvider.System"/>.</param>
    public static ConfigStore Open(StateDirectory directory, ILogger? logger = null, TimeProvider? time = null, string? hostName = null)
    {
        logger ??= NullLogger.Instance;
        var database = StoreDatabase.OpenReadWrite(directory, logger, time);
        var recovered = false;
        var rows = database.Write((connection, transaction, recreated) =>
        {
            recovered = recreated;
            var existing = ReadNodeRows(connection, transaction);
            var missing = new Dictionary<string, string>();
            if (!existing.ContainsKey(NodeIdKey))
            {
                missing[NodeIdKey] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            }

            if (!existing.ContainsKey(NodeNameKey))
            {
                missing[NodeNameKey] = hostName ?? Environment.MachineName;
            }

            foreach (var (key, value) in missing)
            {
                UpsertNodeValue(connection, transaction, key, value);
                existing[key] = value;
            }

            return existing;
        });
        return new ConfigStore(database, logger, time ?? TimeProvider.System, rows, recovered);
    }

    /// <summary>
    /// Records <paramref name="text"/> as applied with <paramref name="origin"/>. Same text as the newest version: nothing
    /// is written and that version is returned. When the store had to be recreated, the configuration the node was
    /// running is recorded first as version 1 with origin <see cref="ConfigOrigin.Recovered"/> (at start, this text is).
    /// </summary>
    public ConfigRecordResult Record(string text, string origin)
    {
        lock (_gate)
        {
            var result = Write((connection, transaction) =>
            {
                var recovered = _recoveryPending;
                if (recovered && _running is null)
                {
                    origin = ConfigOrigin.Recovered;
                }
                else if (recovered)
                {
                    Insert(connection, transaction, _running!, ConfigOrigin.Recovered);
                }

                var newest = QueryConfigs(connection, transaction, StoreSql.SelectNewestConfig, null).FirstOrDefault();
                return newest is not null && newest.Sha256 == Hash(text)
                    ? new ConfigRecordResult(newest, Created: false, recovered)
                    : new ConfigRecordResult(Insert(connection, transaction, text, origin), Created: true, recovered);
            });
            _running = text;
            _recoveryPending = false;
            return result;
        }
    }

    /// <summary>Every version, newest first, without their text (<see cref="ConfigVersion.Text"/> is empty).</summary>
    public IReadOnlyList<ConfigVersion> History() => History(_database);

    /// <summary>The version numbered <paramref name="version"/> with its text, or null.</summary>
    public ConfigVersion? Get(int version) => Get(_database, version);

    /// <summary>The newest version with its text, or null when nothing was recorded.</summary>
    public ConfigVersion? Newest() => Newest(_database);

    /// <summary>
    /// The cluster-wide version of the configuration this node last committed through configuration sync, with the
    /// SHA-256 of its shared text; null when it never took part in one.
    /// </summary>
    public (long Version, string Sha256)? SyncedConfig
    {
        get
        {
            lock (_gate)
            {
                return _nodeRows.TryGetValue(SyncVersionKey, out var version) && _nodeRows.TryGetValue(SyncHashKey, out var hash)
                    ? (long.Parse(version, CultureInfo.InvariantCulture), hash)
                    : null;
            }
        }
    }

    /// <summary>Records the cluster-wide version and shared-text hash of the configuration a sync commit applied.</summary>
    public void SetSyncedConfig(long version, string sha256)
    {
        lock (_gate)
        {
            var rows = new Dictionary<string, string>
            {
                [SyncVersionKey] = version.ToString(CultureInfo.InvariantCulture),
                [SyncHashKey] = sha256,
            };
            Write((connection, transaction) =>
            {
                foreach (var (key, value) in rows)
                {
                    UpsertNodeValue(connection, transaction, key, value);
                }

                return true;
            });
            foreach (var (key, value) in rows)
            {
                _nodeRows[key] = value;
            }
        }
    }

    /// <summary>Renames this node (shown in history and, later, to sync peers); the id does not change.</summary>
    public void SetNodeName(string name) => SetNodeValue(NodeNameKey, name);

    /// <summary>The cluster key named <paramref name="name"/> (see <see cref="ClusterKeyNames"/>) as stored, or null.</summary>
    public byte[]? GetClusterKey(string name)
    {
        lock (_gate)
        {
            return _nodeRows.TryGetValue(ClusterKeyPrefix + name, out var value) ? Convert.FromBase64String(value) : null;
        }
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="name"/>, replacing any previous value. The store never interprets it.</summary>
    public void SetClusterKey(string name, ReadOnlySpan<byte> value) => SetNodeValue(ClusterKeyPrefix + name, Convert.ToBase64String(value));

    /// <summary>Removes the cluster key named <paramref name="name"/>; true when there was one.</summary>
    public bool RemoveClusterKey(string name)
    {
        lock (_gate)
        {
            var key = ClusterKeyPrefix + name;
            var removed = Write((connection, transaction) =>
            {
                using var command = Command(connection, transaction, StoreSql.DeleteNodeValue);
                command.Parameters.AddWithValue("$key", key);
                return command.ExecuteNonQuery() > 0;
            });
            _nodeRows.Remove(key);
            return removed;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction of this store (for the other tables of the file, such as the
    /// stick entries): a recreated file gets this node's identity and keys back first, as for a configuration.
    /// </summary>
    public T WriteTransaction<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        lock (_gate)
        {
            return Write(work);
        }
    }

    /// <summary>Runs <paramref name="work"/> on a read connection of this store.</summary>
    /// <exception cref="StoreUnavailableException">The file is damaged (the next write repairs it).</exception>
    public T Read<T>(Func<SqliteConnection, T> work) => _database.Read(work);

    /// <summary>Every version in <paramref name="database"/>, newest first, without their text.</summary>
    public static IReadOnlyList<ConfigVersion> History(StoreDatabase database) =>
        database.Read(connection => QueryConfigs(connection, null, StoreSql.SelectHistory, null));

    /// <summary>The version numbered <paramref name="version"/> in <paramref name="database"/>, or null.</summary>
    public static ConfigVersion? Get(StoreDatabase database, int version) =>
        database.Read(connection => QueryConfigs(connection, null, StoreSql.SelectConfig, version).FirstOrDefault());

    /// <summary>The newest version in <paramref name="database"/>, or null.</summary>
    public static ConfigVersion? Newest(StoreDatabase database) =>
        database.Read(connection => QueryConfigs(connection, null, StoreSql.SelectNewestConfig, null).FirstOrDefault());

    /// <summary>The SHA-256 of <paramref name="text"/>'s UTF-8 bytes, lower-case hex: the <c>sha256</c> column.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private void SetNodeValue(string key, string value)
    {
        lock (_gate)
        {
            Write((connection, transaction) =>
            {
                UpsertNodeValue(connection, transaction, key, value);
                return true;
            });
            _nodeRows[key] = value;
        }
    }

    /// <summary>A write under <see cref="_gate"/>; a recreated file first gets this node's rows back and a pending recovery.</summary>
    private T Write<T>(Func<SqliteConnection, SqliteTransaction, T> work) => _database.Write((connection, transaction, recreated) =>
    {
        if (recreated)
        {
            foreach (var (key, value) in _nodeRows)
            {
                UpsertNodeValue(connection, transaction, key, value);
            }

            _recoveryPending = true;
        }

        return work(connection, transaction);
    });

    private ConfigVersion Insert(SqliteConnection connection, SqliteTransaction transaction, string text, string origin)
    {
        var newest = QueryConfigs(connection, transaction, StoreSql.SelectNewestConfig, null).FirstOrDefault();
        var version = new ConfigVersion(
            (newest?.Version ?? 0) + 1, Hash(text), _time.GetUtcNow(), origin, _nodeRows[NodeNameKey], text);
        using var command = Command(connection, transaction, StoreSql.InsertConfig);
        command.Parameters.AddWithValue("$version", version.Version);
        command.Parameters.AddWithValue("$sha256", version.Sha256);
        command.Parameters.AddWithValue("$applied_utc", version.AppliedUtc.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$origin", version.Origin);
        command.Parameters.AddWithValue("$node", version.Node);
        command.Parameters.AddWithValue("$text", version.Text);
        command.ExecuteNonQuery();
        StoreLog.Recorded(_logger, version.Version, version.Origin, version.Sha256[..12]);
        return version;
    }

    private static List<ConfigVersion> QueryConfigs(SqliteConnection connection, SqliteTransaction? transaction, string sql, int? version)
    {
        using var command = Command(connection, transaction, sql);
        if (version is not null)
        {
            command.Parameters.AddWithValue("$version", version.Value);
        }

        using var reader = command.ExecuteReader();
        var versions = new List<ConfigVersion>();
        while (reader.Read())
        {
            versions.Add(new ConfigVersion(
                reader.GetInt32(0),
                reader.GetString(1),
                DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5)));
        }

        return versions;
    }

    private static Dictionary<string, string> ReadNodeRows(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = Command(connection, transaction, StoreSql.SelectNodeRows);
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            rows[reader.GetString(0)] = reader.GetString(1);
        }

        return rows;
    }

    private static void UpsertNodeValue(SqliteConnection connection, SqliteTransaction transaction, string key, string value)
    {
        using var command = Command(connection, transaction, StoreSql.UpsertNodeValue);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
