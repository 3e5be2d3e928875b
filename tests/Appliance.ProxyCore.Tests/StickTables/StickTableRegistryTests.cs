using System.Net;
using Appliance.Contracts.Replication;
using Appliance.ProxyCore.StickTables;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.StickTables;

public sealed class StickTableRegistryTests : IDisposable
{
    private const string Peers = "peers mesh\n    peer lb1 10.0.0.1:1\n    peer lb2 10.0.0.2:1\n";
    private readonly FakeTimeProvider _time = new();
    private readonly StickTableRegistry _registry;
    private readonly RecordingObserver _observer = new();

    public StickTableRegistryTests()
    {
        _registry = new StickTableRegistry(_time);
        Commit("stick-table type ip size 100 expire 80s peers mesh");
        _registry.SetObserver(_observer);
    }

    [Fact]
    public void Tables_ReplicatedOnly()
    {
        Commit("stick-table type ip size 100 expire 80s");

        Assert.Empty(_registry.Tables);
        Assert.Empty(_registry.Snapshot("be"));
        Assert.False(_registry.Apply(Entry("10.0.0.1", "s1", TimeSpan.FromSeconds(5))));
    }

    [Fact]
    public void LocalStore_ReportedOnCreateAndChange_RefreshAtMostEveryEighth()
    {
        var table = _registry.All["be"];
        table.Store(Key("10.1.1.1"), "s1");
        table.Store(Key("10.1.1.1"), "s1");
        _time.Advance(TimeSpan.FromSeconds(9));
        table.Match(Key("10.1.1.1"));
        _time.Advance(TimeSpan.FromSeconds(1));
        table.Match(Key("10.1.1.1"));
        table.Store(Key("10.1.1.1"), "s2");

        Assert.Equal(
            [("10.1.1.1", "s1", TimeSpan.FromSeconds(80)), ("10.1.1.1", "s1", TimeSpan.FromSeconds(80)), ("10.1.1.1", "s2", TimeSpan.FromSeconds(80))],
            _observer.Stored.Select(e => (e.Key.Value, e.Server, e.ExpiresIn)));
    }

    [Fact]
    public void Apply_FromPeer_StoredWithRemainingLifetime_NotEchoed()
    {
        Assert.True(_registry.Apply(Entry("10.2.2.2", "s1", TimeSpan.FromSeconds(30))));

        Assert.Empty(_observer.Stored);
        Assert.Equal("s1", _registry.All["be"].Match(Key("10.2.2.2")) is { } s ? s : null);
        Assert.Empty(_observer.Stored);
        var entry = Assert.Single(_registry.Snapshot("be"));
        Assert.Equal(TimeSpan.FromSeconds(80), entry.ExpiresIn);
    }

    [Fact]
    public void Apply_LifetimeAboveExpire_CappedAndExpiresOnTime()
    {
        _registry.Apply(Entry("10.2.2.3", "s1", TimeSpan.FromHours(1)));

        Assert.Equal(TimeSpan.FromSeconds(80), Assert.Single(_registry.Snapshot("be")).ExpiresIn);
        _time.Advance(TimeSpan.FromSeconds(81));
        Assert.Empty(_registry.Snapshot("be"));
    }

    [Fact]
    public void Apply_WrongKeyTypeOrUnknownTableOrBadKey_Refused()
    {
        Assert.False(_registry.Apply(new StickEntry("be", new StickKey(StickKeyType.Text, "x"), "s1", TimeSpan.FromSeconds(1))));
        Assert.False(_registry.Apply(new StickEntry("nope", new StickKey(StickKeyType.Ipv4, "10.0.0.1"), "s1", TimeSpan.FromSeconds(1))));
        Assert.False(_registry.Apply(Entry("not-an-ip", "s1", TimeSpan.FromSeconds(1))));
        Assert.Empty(_registry.Snapshot("be"));
    }

    [Fact]
    public void Snapshot_SoonestFirst_ExpiryRelative()
    {
        _registry.All["be"].Store(Key("10.0.0.1"), "s1");
        _time.Advance(TimeSpan.FromSeconds(10));
        _registry.All["be"].Store(Key("10.0.0.2"), "s2");
        _registry.Apply(Entry("10.0.0.3", "s3", TimeSpan.FromSeconds(5)));

        Assert.Equal(
            [("10.0.0.3", TimeSpan.FromSeconds(5)), ("10.0.0.1", TimeSpan.FromSeconds(70)), ("10.0.0.2", TimeSpan.FromSeconds(80))],
            _registry.Snapshot("be").Select(e => (e.Key.Value, e.ExpiresIn)));
    }

    [Fact]
    public void Remove_FromPeer_NotEchoed_LocalRemoveReported()
    {
        _registry.Apply(Entry("10.0.0.1", "s1", TimeSpan.FromSeconds(5)));
        _registry.Apply(Entry("10.0.0.2", "s1", TimeSpan.FromSeconds(5)));

        Assert.True(_registry.Remove("be", new StickKey(StickKeyType.Ipv4, "10.0.0.1")));
        Assert.Empty(_observer.Removed);
        Assert.True(_registry.All["be"].Remove(new StickKey(StickKeyType.Ipv4, "10.0.0.2"), local: true));
        Assert.Equal([("be", new StickKey(StickKeyType.Ipv4, "10.0.0.2"))], _observer.Removed);
        Assert.False(_registry.Remove("nope", new StickKey(StickKeyType.Ipv4, "10.0.0.2")));
    }

    [Fact]
    public void Commit_SameNameAndType_KeepsTableEntriesAndObserver_NewTypeStartsEmpty()
    {
        var table = _registry.All["be"];
        table.Store(Key("10.0.0.1"), "s1");

        Commit("stick-table type ip size 5 expire 1m peers mesh");
        Assert.Same(table, _registry.All["be"]);
        Assert.Equal(5, Assert.Single(_registry.Tables).Size);
        table.Store(Key("10.0.0.9"), "s1");
        Assert.Equal(2, _observer.Stored.Count);

        Commit("stick-table type string size 5 expire 1m peers mesh");
        Assert.NotSame(table, _registry.All["be"]);
        Assert.Equal(0, _registry.All["be"].Count);
    }

    [Fact]
    public void Commit_PeersSectionDisabled_TableNotReplicated()
    {
        var config = StickTableTests.Load("stick-table type ip size 10 peers mesh", Peers + "    disabled\n");
        _registry.Commit(config, _registry.Prepare(config));

        Assert.Empty(_registry.Tables);
    }

    public void Dispose() => _registry.Dispose();

    private void Commit(string table)
    {
        var config = StickTableTests.Load(table, Peers);
        _registry.Commit(config, _registry.Prepare(config));
    }

    private static StickEntry Entry(string address, string server, TimeSpan expiresIn) =>
        new("be", new StickKey(StickKeyType.Ipv4, address), server, expiresIn);

    private static StickLookupKey Key(string address)
    {
        Assert.True(StickKeys.TryFromAddress(StickKeyType.Ipv4, IPAddress.Parse(address), out var key));
        return key;
    }

    private sealed class RecordingObserver : IStickTableObserver
    {
        public List<StickEntry> Stored { get; } = [];

        public List<(string, StickKey)> Removed { get; } = [];

        public void OnStored(in StickEntry entry) => Stored.Add(entry);

        public void OnRemoved(string table, StickKey key) => Removed.Add((table, key));
    }
}
