using Appliance.Contracts.Replication;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.StickTables;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.StickTables;

public sealed class StickTableTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Match_BeforeExpire_ReturnsServer_AfterExpire_Nothing()
    {
        var table = Table(size: 10, expire: TimeSpan.FromMinutes(1));
        Assert.True(table.Store(Ip(1), "s1"));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("s1", table.Match(Ip(1)));

        // The match refreshed it: 59 s more is still inside the new minute, 61 s from the match is not.
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("s1", table.Match(Ip(1)));
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(table.Match(Ip(1)));
    }

    [Fact]
    public void Store_Existing_ChangesServerAndRefreshes()
    {
        var table = Table(size: 10, expire: TimeSpan.FromMinutes(1));
        table.Store(Ip(1), "s1");
        _time.Advance(TimeSpan.FromSeconds(50));

        table.Store(Ip(1), "s2");
        _time.Advance(TimeSpan.FromSeconds(50));

        Assert.Equal("s2", table.Match(Ip(1)));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Store_Full_EvictsLeastRecentlyUsed()
    {
        var table = Table(size: 3, expire: TimeSpan.FromMinutes(1));
        for (var i = 1; i <= 3; i++)
        {
            table.Store(Ip(i), $"s{i}");
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // Key 1 is used again, so key 2 is now the least recently used.
        Assert.Equal("s1", table.Match(Ip(1)));
        Assert.True(table.Store(Ip(4), "s4"));

        Assert.Equal(3, table.Count);
        Assert.Null(table.Match(Ip(2)));
        Assert.Equal(["s3", "s1", "s4"], table.Snapshot().Select(e => e.Server));
    }

    [Fact]
    public void Store_FullWithExpiredEntries_PurgesExpiredFirst()
    {
        var table = Table(size: 2, expire: TimeSpan.FromSeconds(10));
        table.Store(Ip(1), "s1");
        _time.Advance(TimeSpan.FromSeconds(11));
        table.Store(Ip(2), "s2");

        Assert.True(table.Store(Ip(3), "s3"));

        Assert.Equal(["s2", "s3"], table.Snapshot().Select(e => e.Server));
    }

    [Fact]
    public void Store_FullNoPurge_RefusesNewKeys_UntilOneExpires()
    {
        var table = Table(size: 2, expire: TimeSpan.FromSeconds(10), noPurge: true);
        table.Store(Ip(1), "s1");
        table.Store(Ip(2), "s2");

        Assert.False(table.Store(Ip(3), "s3"));
        Assert.True(table.Store(Ip(1), "s9"));
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.True(table.Store(Ip(3), "s3"));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Sweep_RegistryTimer_FreesExpiredEntries()
    {
        using var registry = new StickTableRegistry(_time);
        var config = Load("stick-table type integer size 10 expire 5s");
        var tables = registry.Prepare(config);
        registry.Commit(config, tables);
        var table = tables["be"];
        table.Store(StickLookupKey.FromNumber(7), "s1");
        _time.Advance(TimeSpan.FromSeconds(3));
        table.Store(StickLookupKey.FromNumber(8), "s1");

        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(1, table.Count);
        Assert.Equal([new StickKey(StickKeyType.Number, "8")], table.Snapshot().Select(e => e.Key));
    }

    [Fact]
    public void Store_NoExpire_KeptUntilEvicted()
    {
        var table = Table(size: 1, expire: null);
        table.Store(Ip(1), "s1");
        _time.Advance(TimeSpan.FromDays(400));

        Assert.Equal("s1", table.Match(Ip(1)));
        Assert.Equal(Timeout.InfiniteTimeSpan, Assert.Single(table.Snapshot()).ExpiresIn);
        table.Store(Ip(2), "s2");
        Assert.Null(table.Match(Ip(1)));
    }

    [Fact]
    public void Store_StringKeyLongerThanLen_Truncated()
    {
        var config = new StickTableConfig { Name = "be", KeyType = StickKeyType.Text, KeyLength = 4, Size = 10, Location = default };
        var table = new StickTable(config, _time);
        Span<char> scratch = stackalloc char[StickKeys.ScratchLength];
        Assert.True(StickKeys.TryFromSample(StickKeyType.Text, 4, ProxyCore.Acl.Sample.FromText("abcdefgh"), scratch, out var key));

        table.Store(key, "s1");

        Assert.Equal("s1", table.Match(StickLookupKey.FromText("abcd")));
        Assert.Equal("abcd", Assert.Single(table.Snapshot()).Key.Value);
    }

    private StickTable Table(int size, TimeSpan? expire, bool noPurge = false) =>
        new(new StickTableConfig { Name = "be", KeyType = StickKeyType.Ipv4, Size = size, Expire = expire, NoPurge = noPurge, Location = default }, _time);

    private static StickLookupKey Ip(int last) => StickLookupKey.FromNumber((UInt128)(0x0A000000u + (uint)last));

    internal static ApplianceConfig Load(string table, string peers = "") =>
        Configuration.ConfigTestHelper.Load(peers + "defaults\n    mode http\n    timeout connect 1s\n    timeout client 1s\n    timeout server 1s\nbackend be\n    " + table + "\n    stick on src\n    server s1 127.0.0.1:80\n").Config!;
}
