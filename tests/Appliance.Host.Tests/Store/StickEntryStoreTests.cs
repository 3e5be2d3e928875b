using Appliance.Contracts.Replication;
using Appliance.Host.Store;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Store;

public sealed class StickEntryStoreTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void SaveThenLoad_LaterClock_RemainingLifetimeShrinksAndExpiredAreSkipped()
    {
        var store = ConfigStore.Open(new StateDirectory(_temp.Path));
        StickEntry[] entries =
        [
            new("web", new StickKey(StickKeyType.Ipv4, "10.0.0.1"), "web1", TimeSpan.FromMinutes(30)),
            new("web", new StickKey(StickKeyType.Text, "10.0.0.1"), "web2", TimeSpan.FromMinutes(30)),
            new("app", new StickKey(StickKeyType.Number, "42"), "app1", TimeSpan.FromMinutes(2)),
            new("app", new StickKey(StickKeyType.Ipv6, "2001:db8::1"), "app2", TimeSpan.FromMinutes(10)),
        ];

        Assert.Equal(4, StickEntryStore.Save(store, entries, Start));
        var loaded = StickEntryStore.Load(store, Start + TimeSpan.FromMinutes(5));

        Assert.Equal(
            [
                new("app", new StickKey(StickKeyType.Ipv6, "2001:db8::1"), "app2", TimeSpan.FromMinutes(5)),
                new("web", new StickKey(StickKeyType.Ipv4, "10.0.0.1"), "web1", TimeSpan.FromMinutes(25)),
                new("web", new StickKey(StickKeyType.Text, "10.0.0.1"), "web2", TimeSpan.FromMinutes(25)),
            ],
            loaded.OrderBy(e => e.Table, StringComparer.Ordinal).ThenBy(e => e.Key.Type));
    }

    [Fact]
    public void Save_Twice_SecondReplacesTheFirstAndSkipsEntriesWithNoLifetimeLeft()
    {
        var store = ConfigStore.Open(new StateDirectory(_temp.Path));
        StickEntryStore.Save(store, [new("web", new StickKey(StickKeyType.Ipv4, "10.0.0.1"), "web1", TimeSpan.FromMinutes(30))], Start);

        var saved = StickEntryStore.Save(
            store,
            [
                new("web", new StickKey(StickKeyType.Ipv4, "10.0.0.2"), "web2", TimeSpan.FromMinutes(30)),
                new("web", new StickKey(StickKeyType.Ipv4, "10.0.0.3"), "web2", TimeSpan.Zero),
            ],
            Start);

        Assert.Equal(1, saved);
        Assert.Equal(["10.0.0.2"], StickEntryStore.Load(store, Start).Select(e => e.Key.Value));
    }

    [Fact]
    public void Open_SchemaVersion1Store_MigratesTo2KeepingTheConfigurations()
    {
        var dir = new StateDirectory(_temp.Path);
        dir.EnsureCreated();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={dir.StorePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = StoreSql.SchemaV1 + "PRAGMA user_version = 1;" +
                "INSERT INTO configs VALUES (1, 'abc', '2026-11-22T10:00:00.0000000Z', 'start', 'lb1', 'defaults\n');";
            command.ExecuteNonQuery();
        }

        var store = ConfigStore.Open(dir);
        StickEntryStore.Save(store, [new("web", new StickKey(StickKeyType.Ipv4, "10.0.0.1"), "web1", TimeSpan.FromMinutes(1))], Start);

        Assert.Equal("defaults\n", store.Get(1)!.Text);
        Assert.Single(StickEntryStore.Load(store, Start));
    }
}
