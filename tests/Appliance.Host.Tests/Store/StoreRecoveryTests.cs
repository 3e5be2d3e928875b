using Appliance.Host.Store;
using Appliance.Tests.Common;
using Microsoft.Data.Sqlite;

namespace Appliance.Host.Tests.Store;

/// <summary>A damaged or missing store is moved aside or recreated with a warning, never left failing.</summary>
public sealed class StoreRecoveryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly ListLogger _logger = new();

    private StateDirectory Dir => new(Path.Combine(_temp.Path, "state"));

    private string AsidePath => Dir.StorePath + ".corrupt-20261122T100000Z";

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Open_MissingFile_CreatedWithInformationNotWarning()
    {
        var store = ConfigStore.Open(Dir, _logger, _time);

        var result = store.Record("a\n", ConfigOrigin.Start);

        Assert.Equal((1, "start", false), (result.Version.Version, result.Version.Origin, result.Recovered));
        Assert.Equal([$"Information: Config store created at {Dir.StorePath}", $"Information: Config version 1 recorded (origin start, sha256 {result.Version.Sha256[..12]})"], _logger.Entries);
    }

    [Fact]
    public void Open_NotASqliteFile_MovedAsideWithWarningAndRunningConfigRecordedAsRecovered()
    {
        Dir.EnsureCreated();
        File.WriteAllText(Dir.StorePath, "this is not a database, it is a note someone saved over it\n");

        var store = ConfigStore.Open(Dir, _logger, _time);
        var result = store.Record("a\n", ConfigOrigin.Start);

        Assert.Equal("this is not a database, it is a note someone saved over it\n", File.ReadAllText(AsidePath));
        Assert.Contains(
            $"Warning: Config store at {Dir.StorePath} is unusable (SQLite Error 26: 'file is not a database'.): moved aside to {AsidePath} and recreated",
            _logger.Entries);
        Assert.Equal((1, "recovered", true), (result.Version.Version, result.Version.Origin, result.Recovered));
        Assert.Equal([1], store.History().Select(v => v.Version));
    }

    [Fact]
    public void Open_DamagedPage_IntegrityCheckFailsAndStoreIsRecreated()
    {
        var original = ConfigStore.Open(Dir, time: _time);
        for (var i = 0; i < 20; i++)
        {
            original.Record(new string((char)('a' + i), 3000) + "\n", ConfigOrigin.Reload);
        }

        // Page 2 onwards (the header page stays intact, so SQLite opens the file and only the check finds the damage).
        using (var file = new FileStream(Dir.StorePath, FileMode.Open, FileAccess.Write))
        {
            file.Position = 4096;
            file.Write(Enumerable.Repeat((byte)0x5a, 4096 * 3).ToArray());
        }

        var store = ConfigStore.Open(Dir, _logger, _time);

        Assert.True(File.Exists(AsidePath));
        Assert.Single(_logger.Entries, e => e.StartsWith($"Warning: Config store at {Dir.StorePath} is unusable (", StringComparison.Ordinal));
        Assert.Empty(store.History());
        Assert.Equal(ConfigOrigin.Recovered, store.Record("z\n", ConfigOrigin.Start).Version.Origin);
    }

    [Fact]
    public void Open_MigrationFails_MovedAsideAndRecreated()
    {
        Dir.EnsureCreated();
        Execute(Dir.StorePath, "CREATE TABLE configs (something_else TEXT);");

        var store = ConfigStore.Open(Dir, _logger, _time);

        Assert.Contains(
            $"Warning: Config store at {Dir.StorePath} is unusable (migration to schema version 1 failed: SQLite Error 1: 'table configs already exists'.): moved aside to {AsidePath} and recreated",
            _logger.Entries);
        Assert.Equal(1, store.Record("a\n", ConfigOrigin.Start).Version.Version);
    }

    [Fact]
    public void Open_NewerSchema_MovedAsideAndRecreated()
    {
        Dir.EnsureCreated();
        Execute(Dir.StorePath, "PRAGMA user_version = 99;");

        ConfigStore.Open(Dir, _logger, _time);

        Assert.Contains(
            $"Warning: Config store at {Dir.StorePath} is unusable (schema version 99 is newer than this appliance understands (2)): moved aside to {AsidePath} and recreated",
            _logger.Entries);
    }

    [Fact]
    public void Open_TwoCorruptionsInTheSameSecond_BothKeptAside()
    {
        Dir.EnsureCreated();
        File.WriteAllText(Dir.StorePath, "first");
        ConfigStore.Open(Dir, _logger, _time);
        File.WriteAllText(Dir.StorePath, "second");

        ConfigStore.Open(Dir, _logger, _time);

        Assert.Equal("first", File.ReadAllText(AsidePath));
        Assert.Equal("second", File.ReadAllText(AsidePath + "-1"));
    }

    [Fact]
    public void Record_FileDeletedUnderRunningNode_RunningConfigRecoveredAsVersion1ThenNewOneAsVersion2()
    {
        var store = ConfigStore.Open(Dir, _logger, _time, hostName: "lb1");
        store.SetClusterKey(ClusterKeyNames.SyncPsk, [7, 7, 7]);
        var node = store.Node;
        store.Record("a\n", ConfigOrigin.Start);
        store.Record("b\n", ConfigOrigin.Reload);

        File.Delete(Dir.StorePath);
        var result = store.Record("c\n", ConfigOrigin.Reload);

        Assert.Contains($"Warning: Config store at {Dir.StorePath} disappeared while the node was running: recreated", _logger.Entries);
        Assert.Equal((2, "reload", true), (result.Version.Version, result.Version.Origin, result.Recovered));
        Assert.Equal((1, "recovered", "b\n"), (store.Get(1)!.Version, store.Get(1)!.Origin, store.Get(1)!.Text));
        var reopened = ConfigStore.Open(Dir, time: _time, hostName: "other");
        Assert.Equal(node, reopened.Node);
        Assert.Equal([7, 7, 7], reopened.GetClusterKey(ClusterKeyNames.SyncPsk));
    }

    [Fact]
    public void Record_FileDeletedThenSameTextReapplied_OnlyTheRecoveredVersion()
    {
        var store = ConfigStore.Open(Dir, _logger, _time);
        store.Record("a\n", ConfigOrigin.Start);

        File.Delete(Dir.StorePath);
        var result = store.Record("a\n", ConfigOrigin.Reload);

        Assert.Equal((1, "recovered", false), (result.Version.Version, result.Version.Origin, result.Created));
        Assert.Single(store.History());
    }

    [Fact]
    public void Record_FileOverwrittenUnderRunningNode_MovedAsideAndRecorded()
    {
        var store = ConfigStore.Open(Dir, _logger, _time);
        store.Record("a\n", ConfigOrigin.Start);

        File.WriteAllBytes(Dir.StorePath, new byte[8192]);
        var result = store.Record("b\n", ConfigOrigin.Reload);

        Assert.True(File.Exists(AsidePath));
        Assert.Equal([("reload", "b\n"), ("recovered", "a\n")], store.History().Select(v => (v.Origin, store.Get(v.Version)!.Text)));
        Assert.True(result.Recovered);
    }

    [Fact]
    public void OpenReadOnly_NotASqliteFile_ThrowsWithoutMovingIt()
    {
        Dir.EnsureCreated();
        File.WriteAllText(Dir.StorePath, "garbage");

        var error = Assert.Throws<StoreUnavailableException>(() => StoreDatabase.OpenReadOnly(Dir));

        Assert.StartsWith($"the store at {Dir.StorePath} is damaged (SQLite Error 26", error.Message, StringComparison.Ordinal);
        Assert.Equal("garbage", File.ReadAllText(Dir.StorePath));
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
