using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Host.Store;

/// <summary>
/// The SQLite file under the state directory: opening, checking, migrating and recovering it. Every operation opens
/// its own connection (no pooling) so that a file deleted under the running node is noticed at the next write instead
/// of being written through an unlinked inode. The node opens it read-write; CLI invocations open it read-only and
/// never repair it.
/// </summary>
internal sealed class StoreDatabase
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _path;
    private readonly bool _readOnly;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _connectionString;

    // Set when the file was recreated (damaged, or missing under the running node) and nothing was written since.
    private bool _recreated;

    private StoreDatabase(string path, bool readOnly, ILogger logger, TimeProvider time)
    {
        _path = path;
        _readOnly = readOnly;
        _logger = logger;
        _time = time;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            // ReadWrite, not ReadWriteCreate: the file is created here (mode 0600), and a missing one must be noticed.
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 5,
        }.ToString();
    }

    public string Path => _path;

    /// <summary>
    /// Opens the store of <paramref name="directory"/> for the running node: creates the directory and the file when
    /// missing; a damaged file (not SQLite, failing <c>PRAGMA integrity_check</c>, failing or unknown migration) is
    /// moved aside to <c>store.db.corrupt-TIMESTAMP</c> with a warning and recreated.
    /// </summary>
    /// <exception cref="SqliteException">The store cannot be opened for another reason (permissions, disk): not repaired.</exception>
    /// <exception cref="IOException">The directory or file cannot be created.</exception>
    public static StoreDatabase OpenReadWrite(StateDirectory directory, ILogger? logger = null, TimeProvider? time = null)
    {
        directory.EnsureCreated();
        var database = new StoreDatabase(directory.StorePath, readOnly: false, logger ?? NullLogger.Instance, time ?? TimeProvider.System);
        if (!File.Exists(database._path))
        {
            database.CreateFile();
            StoreLog.Created(database._logger, database._path);
        }

        try
        {
            using var connection = database.Connect();
            Initialize(connection);
        }
        catch (Exception e) when (IsDamage(e))
        {
            database.MoveAsideAndRecreate(e.Message);
        }

        return database;
    }

    /// <summary>Opens the store of <paramref name="directory"/> read-only, for the CLI.</summary>
    /// <exception cref="StoreUnavailableException">Missing, damaged, or of another schema version; the message says what to do.</exception>
    public static StoreDatabase OpenReadOnly(StateDirectory directory)
    {
        var database = new StoreDatabase(directory.StorePath, readOnly: true, NullLogger.Instance, TimeProvider.System);
        if (!File.Exists(database._path))
        {
            throw new StoreUnavailableException(
                $"no config store at {database._path}: 'appliance run --state-dir {directory.Path}' creates it when it starts");
        }

        var version = database.Read(StoreSchema.ReadVersion);
        if (version != StoreSchema.CurrentVersion)
        {
            throw new StoreUnavailableException(version > StoreSchema.CurrentVersion
                ? $"the store at {database._path} has schema version {version}, newer than this appliance understands ({StoreSchema.CurrentVersion})"
                : $"the store at {database._path} has schema version {version}; the running node migrates it to {StoreSchema.CurrentVersion} when it starts");
        }

        return database;
    }

    /// <summary>Runs <paramref name="work"/> on a fresh connection.</summary>
    /// <exception cref="StoreUnavailableException">The file is damaged (it is repaired only by a write of the running node).</exception>
    public T Read<T>(Func<SqliteConnection, T> work)
    {
        try
        {
            using var connection = Connect();
            return work(connection);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw new StoreUnavailableException(
                $"the store at {_path} is damaged ({e.Message}); the running node moves it aside and recreates it at its next start or write", e);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one immediate transaction. A file that disappeared is recreated first, a damaged
    /// one is moved aside and recreated and the work retried once; <paramref name="work"/>'s last argument is then true
    /// (until a write commits) so that it can seed the new file.
    /// </summary>
    public T Write<T>(Func<SqliteConnection, SqliteTransaction, bool, T> work)
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("the store was opened read-only");
        }

        if (!File.Exists(_path))
        {
            CreateFile();
            using (var connection = Connect())
            {
                Initialize(connection);
            }

            _recreated = true;
            StoreLog.RecreatedMissing(_logger, _path);
        }

        try
        {
            return WriteOnce(work);
        }
        catch (Exception e) when (IsDamage(e))
        {
            MoveAsideAndRecreate(e.Message);
            return WriteOnce(work);
        }
    }

    private T WriteOnce<T>(Func<SqliteConnection, SqliteTransaction, bool, T> work)
    {
        using var connection = Connect();
        // Immediate: take the write lock up front so two writers queue on busy_timeout instead of failing to upgrade.
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = work(connection, transaction, _recreated);
        transaction.Commit();
        _recreated = false;
        return result;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, StoreSql.BusyTimeout);
        if (!_readOnly)
        {
            Execute(connection, StoreSql.SynchronousNormal);
        }

        return connection;
    }

    private static void Initialize(SqliteConnection connection)
    {
        // The first statement that reads the file: a file that is not SQLite fails here with SQLITE_NOTADB.
        Execute(connection, StoreSql.JournalModeWal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = StoreSql.IntegrityCheck;
            using var reader = command.ExecuteReader();
            var problems = new List<string>();
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }

            if (problems is not ["ok"])
            {
                throw new StoreUnavailableException($"integrity check failed: {string.Join("; ", problems.Take(3))}");
            }
        }

        StoreSchema.Migrate(connection);
    }

    private void CreateFile()
    {
        // Stale WAL and shared-memory files of a deleted database would be replayed into the new one.
        File.Delete(_path + "-wal");
        File.Delete(_path + "-shm");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly; // the store holds the cluster keys; SQLite gives -wal and -shm the same mode
        }

        using var stream = new FileStream(_path, options);
    }

    private void MoveAsideAndRecreate(string reason)
    {
        var stamp = _time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var target = $"{_path}.corrupt-{stamp}";
        for (var n = 1; File.Exists(target); n++)
        {
            target = $"{_path}.corrupt-{stamp}-{n}";
        }

        File.Move(_path, target);
        if (File.Exists(_path + "-wal"))
        {
            // Kept beside the damaged file: it may hold the last transactions, for whoever investigates.
            File.Move(_path + "-wal", target + "-wal");
        }

        StoreLog.MovedAside(_logger, _path, reason, target);
        CreateFile();
        using (var connection = Connect())
        {
            Initialize(connection);
        }

        _recreated = true;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Damage that recreating the file repairs; permissions, a full disk or a lock timeout are not.</summary>
    private static bool IsDamage(Exception e) => e switch
    {
        StoreUnavailableException => true,
        SqliteException s => s.SqliteErrorCode is SQLitePCL.raw.SQLITE_CORRUPT or SQLitePCL.raw.SQLITE_NOTADB,
        _ => false,
    };
}
