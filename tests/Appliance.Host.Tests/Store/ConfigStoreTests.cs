using Appliance.Host.Store;
using Appliance.Tests.Common;
using Microsoft.Data.Sqlite;

namespace Appliance.Host.Tests.Store;

public sealed class ConfigStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();
    private readonly FakeTimeProvider _time = new(Start);

    private StateDirectory Dir => new(Path.Combine(_temp.Path, "state"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Open_NewDirectory_CreatesSchemaInWalModeWithStickTable()
    {
        ConfigStore.Open(Dir, time: _time, hostName: "lb1");

        using var connection = new SqliteConnection($"Data Source={Dir.StorePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal(StoreSchema.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal(
            ["configs", "node", "stick_entries"],
            Column(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;"));
        Assert.Equal(
            ["table_name", "key_type", "key", "server", "expires_utc", "data"],
            Column(connection, "SELECT name FROM pragma_table_info('stick_entries');"));
        Assert.Equal("0", Scalar(connection, "SELECT count(*) FROM stick_entries;"));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Open_NewStore_FileIsReadableByOwnerOnly()
    {
        ConfigStore.Open(Dir, time: _time);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Dir.StorePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Dir.Path));
    }

    [Fact]
    public void Record_FirstConfig_Version1WithHashTimeOriginNodeAndText()
    {
        var store = ConfigStore.Open(Dir, time: _time, hostName: "lb1");

        var result = store.Record("global\n", ConfigOrigin.Start);

        Assert.True(result.Created);
        Assert.False(result.Recovered);
        // printf 'global\n' | sha256sum
        Assert.Equal(new ConfigVersion(1, "bde69edbbd1e37f29a7d5abb737590d929362f186c935f5fa9384ce2074acec4", Start, "start", "lb1", "global\n"), store.Get(1));
        Assert.Equal(store.Get(1), result.Version);
    }

    [Fact]
    public void Hash_KnownText_IsLowerHexSha256OfUtf8()
    {
        // printf 'abc' | sha256sum
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ConfigStore.Hash("abc"));
    }

    [Fact]
    public void Record_ChangedText_NextVersionWithItsOwnTime()
    {
        var store = ConfigStore.Open(Dir, time: _time);
        store.Record("a\n", ConfigOrigin.Start);
        _time.Advance(TimeSpan.FromMinutes(5));

        var result = store.Record("b\n", ConfigOrigin.Reload);

        Assert.True(result.Created);
        Assert.Equal((2, "reload", Start.AddMinutes(5), "b\n"), (result.Version.Version, result.Version.Origin, result.Version.AppliedUtc, store.Get(2)!.Text));
    }

    [Fact]
    public void Record_SameTextAsNewest_WritesNothingAndReturnsNewest()
    {
        var store = ConfigStore.Open(Dir, time: _time);
        store.Record("a\n", ConfigOrigin.Start);
        _time.Advance(TimeSpan.FromMinutes(1));

        var result = store.Record("a\n", ConfigOrigin.Reload);

        Assert.False(result.Created);
        Assert.Equal((1, "start", Start), (result.Version.Version, result.Version.Origin, result.Version.AppliedUtc));
        Assert.Single(store.History());
    }

    [Fact]
    public void Record_TextOfAnOlderVersion_NewVersionWithThatHash()
    {
        var store = ConfigStore.Open(Dir, time: _time);
        var first = store.Record("a\n", ConfigOrigin.Start).Version;
        store.Record("b\n", ConfigOrigin.Reload);

        var result = store.Record("a\n", ConfigOrigin.Reload);

        Assert.True(result.Created);
        Assert.Equal(3, result.Version.Version);
        Assert.Equal(first.Sha256, result.Version.Sha256);
    }

    [Fact]
    public void History_ThreeVersions_NewestFirstWithoutText()
    {
        var store = ConfigStore.Open(Dir, time: _time);
        foreach (var text in new[] { "a\n", "b\n", "c\n" })
        {
            store.Record(text, ConfigOrigin.Reload);
        }

        var history = store.History();

        Assert.Equal([3, 2, 1], history.Select(v => v.Version));
        Assert.All(history, v => Assert.Equal(string.Empty, v.Text));
        Assert.Equal(ConfigStore.Hash("c\n"), history[0].Sha256);
    }

    [Fact]
    public void Get_UnknownVersion_Null()
    {
        var store = ConfigStore.Open(Dir, time: _time);
        store.Record("a\n", ConfigOrigin.Start);

        Assert.Null(store.Get(2));
        Assert.Equal("a\n", store.Newest()!.Text);
    }

    [Fact]
    public void Open_Twice_NodeIdentityStable()
    {
        var first = ConfigStore.Open(Dir, time: _time, hostName: "lb1").Node;

        var second = ConfigStore.Open(Dir, time: _time, hostName: "other-host").Node;

        Assert.Matches("^[0-9a-f]{32}$", first.Id);
        Assert.Equal(new NodeIdentity(first.Id, "lb1"), second);
    }

    [Fact]
    public void Open_TwoStores_DifferentNodeIds()
    {
        var one = ConfigStore.Open(new StateDirectory(Path.Combine(_temp.Path, "one")), time: _time).Node.Id;
        var two = ConfigStore.Open(new StateDirectory(Path.Combine(_temp.Path, "two")), time: _time).Node.Id;

        Assert.NotEqual(one, two);
    }

    [Fact]
    public void SetNodeName_Reopened_NewNameOnLaterVersions()
    {
        var store = ConfigStore.Open(Dir, time: _time, hostName: "lb1");
        store.Record("a\n", ConfigOrigin.Start);

        store.SetNodeName("edge-a");
        var reopened = ConfigStore.Open(Dir, time: _time, hostName: "lb1");
        reopened.Record("b\n", ConfigOrigin.Reload);

        Assert.Equal("edge-a", reopened.Node.Name);
        Assert.Equal(["edge-a", "lb1"], reopened.History().Select(v => v.Node));
    }

    [Fact]
    public void ClusterKey_SetThenReopened_SameOpaqueBytes()
    {
        byte[] psk = [0, 1, 2, 0xfe, 0xff];
        var store = ConfigStore.Open(Dir, time: _time);

        store.SetClusterKey(ClusterKeyNames.SyncPsk, psk);
        store.SetClusterKey(ClusterKeyNames.SyncCaPath, "/etc/appliance/ca.pem"u8);

        var reopened = ConfigStore.Open(Dir, time: _time);
        Assert.Equal(psk, reopened.GetClusterKey(ClusterKeyNames.SyncPsk));
        Assert.Equal("/etc/appliance/ca.pem"u8.ToArray(), reopened.GetClusterKey(ClusterKeyNames.SyncCaPath));
        Assert.Null(reopened.GetClusterKey(ClusterKeyNames.SyncCertificatePath));
    }

    [Fact]
    public void RemoveClusterKey_Present_GoneAfterReopen()
    {
        var store = ConfigStore.Open(Dir, time: _time);
        store.SetClusterKey(ClusterKeyNames.SyncPsk, [1, 2, 3]);

        Assert.True(store.RemoveClusterKey(ClusterKeyNames.SyncPsk));
        Assert.False(store.RemoveClusterKey(ClusterKeyNames.SyncPsk));
        Assert.Null(ConfigStore.Open(Dir, time: _time).GetClusterKey(ClusterKeyNames.SyncPsk));
    }

    [Fact]
    public void OpenReadOnly_MissingStore_ThrowsNamingThePathAndWhatCreatesIt()
    {
        var error = Assert.Throws<StoreUnavailableException>(() => StoreDatabase.OpenReadOnly(Dir));

        Assert.Equal($"no config store at {Dir.StorePath}: 'appliance run --state-dir {Dir.Path}' creates it when it starts", error.Message);
    }

    [Fact]
    public async Task OpenReadOnly_WriterRecordingConcurrently_ReadsEveryCommittedVersion()
    {
        var store = ConfigStore.Open(Dir, time: _time);
        store.Record("v0\n", ConfigOrigin.Start);
        var reader = StoreDatabase.OpenReadOnly(Dir);

        var writer = Task.Run(() =>
        {
            for (var i = 1; i <= 50; i++)
            {
                store.Record($"v{i}\n", ConfigOrigin.Reload);
            }
        });
        var seen = new List<int>();
        while (!writer.IsCompleted)
        {
            seen.Add(ConfigStore.History(reader).Count);
        }

        await writer;
        Assert.Equal(51, ConfigStore.History(reader).Count);
        Assert.Equal(seen.Order(), seen);
    }

    [Fact]
    public void Write_ReadOnlyStore_Refused()
    {
        ConfigStore.Open(Dir, time: _time);
        var reader = StoreDatabase.OpenReadOnly(Dir);

        Assert.Throws<InvalidOperationException>(() => reader.Write((_, _, _) => 0));
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static List<string> Column(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
