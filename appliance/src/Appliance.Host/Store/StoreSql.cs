namespace Appliance.Host.Store;

/// <summary>Every SQL statement of the store, so the schema and its queries are read in one place.</summary>
internal static class StoreSql
{
    // WAL: the running node writes while CLI invocations read, without either blocking the other.
    public const string JournalModeWal = "PRAGMA journal_mode = WAL;";

    // 5 s: a writer holds the lock for one small transaction (a config text); 5 s of waiting means something is stuck.
    public const string BusyTimeout = "PRAGMA busy_timeout = 5000;";

    // NORMAL is durable in WAL mode except for the last transactions on power loss, which the next reload records again.
    public const string SynchronousNormal = "PRAGMA synchronous = NORMAL;";

    public const string IntegrityCheck = "PRAGMA integrity_check;";

    public const string GetUserVersion = "PRAGMA user_version;";

    // PRAGMA takes no parameters; the value is a compile-time integer from StoreSchema.
    public static string SetUserVersion(int version) => $"PRAGMA user_version = {version};";

    /// <summary>Schema version 1: configs, node, and the reserved stick_entries.</summary>
    public const string SchemaV1 = """
        CREATE TABLE configs (
            version     INTEGER PRIMARY KEY,
            sha256      TEXT NOT NULL,
            applied_utc TEXT NOT NULL,
            origin      TEXT NOT NULL,
            node        TEXT NOT NULL,
            text        TEXT NOT NULL
        );
        CREATE TABLE node (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        -- Reserved for stick-table persistence with state sync; nothing reads or writes it yet.
        -- One row per entry: the table (backend) name, the key as text (an IP, a cookie value...), the server the
        -- entry pins to, when it expires, and the stored data types (counters, gpc) as a JSON object.
        CREATE TABLE stick_entries (
            table_name  TEXT NOT NULL,
            key         TEXT NOT NULL,
            server      TEXT,
            expires_utc TEXT NOT NULL,
            data        TEXT,
            PRIMARY KEY (table_name, key)
        ) WITHOUT ROWID;
        """;

    /// <summary>
    /// Schema version 2: stick_entries (empty until now) gets the key's type, so a persisted entry comes back as the same
    /// key (an address and the same digits as an integer or string are different entries).
    /// </summary>
    public const string SchemaV2 = """
        DROP TABLE stick_entries;
        CREATE TABLE stick_entries (
            table_name  TEXT NOT NULL,
            key_type    TEXT NOT NULL,
            key         TEXT NOT NULL,
            server      TEXT NOT NULL,
            expires_utc TEXT NOT NULL,
            data        TEXT,
            PRIMARY KEY (table_name, key_type, key)
        ) WITHOUT ROWID;
        """;

    public const string DeleteStickEntries = "DELETE FROM stick_entries;";

    public const string InsertStickEntry =
        "INSERT OR REPLACE INTO stick_entries (table_name, key_type, key, server, expires_utc) VALUES ($table, $type, $key, $server, $expires);";

    // Expired rows are skipped (and dropped at the next snapshot): a node down longer than an entry's lifetime forgets it.
    public const string SelectLiveStickEntries =
        "SELECT table_name, key_type, key, server, expires_utc FROM stick_entries WHERE expires_utc > $now ORDER BY table_name, key;";

    public const string SelectNewestConfig =
        "SELECT version, sha256, applied_utc, origin, node, text FROM configs ORDER BY version DESC LIMIT 1;";

    public const string SelectConfig =
        "SELECT version, sha256, applied_utc, origin, node, text FROM configs WHERE version = $version;";

    // History lists metadata only: a store can hold thousands of versions of a large file.
    public const string SelectHistory =
        "SELECT version, sha256, applied_utc, origin, node, '' FROM configs ORDER BY version DESC;";

    public const string InsertConfig =
        "INSERT INTO configs (version, sha256, applied_utc, origin, node, text) VALUES ($version, $sha256, $applied_utc, $origin, $node, $text);";

    public const string SelectNodeValue = "SELECT value FROM node WHERE key = $key;";

    public const string SelectNodeRows = "SELECT key, value FROM node;";

    public const string UpsertNodeValue =
        "INSERT INTO node (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value;";

    public const string DeleteNodeValue = "DELETE FROM node WHERE key = $key;";
}
