using Appliance.Contracts.Replication;
using Appliance.ProxyCore.FunctionalTests.Http;

namespace Appliance.ProxyCore.FunctionalTests.StickTables;

/// <summary>The proxy side of stick-table replication: what one node learns, another applies and honours.</summary>
public sealed class StickReplicationTests
{
    private const string Peers = """
        peers mesh
            peer lb1 127.0.0.1:10000
            peer lb2 127.0.0.2:10000
        """;

    private const string Table = """
            stick-table type string len 64 size 100 expire 30m peers mesh
            stick store-response res.cook(JSESSIONID)
            stick match req.cook(JSESSIONID)
        """;

    [Fact]
    public async Task LearnedOnOneNode_AppliedOnAnother_ClientPinnedToSameServerName()
    {
        await using var master = await HttpProxyFixture.StartAsync(backendExtra: Table, sectionsBefore: Peers);
        await using var backup = await HttpProxyFixture.StartAsync(backendExtra: Table, sectionsBefore: Peers);
        var observer = new QueueObserver();
        master.Proxy.Engine.StickTables.SetObserver(observer);
        backup.Proxy.Engine.StickTables.SetObserver(new QueueObserver());

        var pinned = await StickTableTests.GetOnNewConnectionAsync(master, "/login");
        var stored = Assert.Single(observer.Stored);
        Assert.Equal(("be", "abc123", pinned), (stored.Table, stored.Key.Value, stored.Server));
        // Both balancers start at the same server: this moves the backup's roundrobin past it, so from here on only
        // the replicated entry can send the cookie's requests there every time.
        Assert.Equal(pinned, await StickTableTests.GetOnNewConnectionAsync(backup, "/"));

        Assert.True(backup.Proxy.Engine.StickTables.Apply(stored));

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(pinned, await StickTableTests.GetOnNewConnectionAsync(backup, "/", "JSESSIONID=abc123"));
        }

        Assert.Equal(["be"], backup.Proxy.Engine.StickTables.Tables.Select(t => t.Name));
        Assert.Equal(1, Assert.Single(backup.Proxy.Engine.StickTables.Tables).Count);
    }

    private sealed class QueueObserver : IStickTableObserver
    {
        public List<StickEntry> Stored { get; } = [];

        public void OnStored(in StickEntry entry)
        {
            lock (Stored)
            {
                Stored.Add(entry);
            }
        }

        public void OnRemoved(string table, StickKey key)
        {
        }
    }
}
