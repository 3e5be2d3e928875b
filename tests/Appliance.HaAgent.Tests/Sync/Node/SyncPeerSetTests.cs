using System.Net;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Sync.Client;
using Appliance.HaAgent.Sync.Node;
using Appliance.HaAgent.Sync.Replication;
using Appliance.HaAgent.Sync.Security;
using Appliance.HaAgent.Sync.Status;

namespace Appliance.HaAgent.Tests.Sync.Node;

/// <summary>The node's peer set: configured peers fixed and winning, discovered peers added, moved and removed.</summary>
public sealed class SyncPeerSetTests
{
    private static readonly IPEndPoint Lb2 = IPEndPoint.Parse("10.213.0.12:7400");
    private static readonly IPEndPoint Lb3 = IPEndPoint.Parse("10.213.0.13:7400");

    [Fact]
    public void AddOrUpdate_NewName_AddedAsDiscoveredAfterTheConfiguredOnes()
    {
        var set = Set([new SyncPeerConfig("lb2", Lb2)]);

        var (change, added, removed) = set.AddOrUpdate(new SyncPeerConfig("lb3", Lb3));

        Assert.Equal(PeerSetChange.Added, change);
        Assert.Null(removed);
        Assert.Equal(PeerSource.Discovered, added!.Source);
        Assert.Equal(["lb2/Configured", "lb3/Discovered"], set.Links.Select(l => $"{l.Name}/{l.Source}"));
    }

    [Fact]
    public void AddOrUpdate_SameEndpointAgain_UnchangedAndSameLink()
    {
        var set = Set([]);
        var (_, first, _) = set.AddOrUpdate(new SyncPeerConfig("lb3", Lb3));

        var (change, added, removed) = set.AddOrUpdate(new SyncPeerConfig("lb3", IPEndPoint.Parse("10.213.0.13:7400")));

        Assert.Equal(PeerSetChange.Unchanged, change);
        Assert.Null(added);
        Assert.Null(removed);
        Assert.Same(first, Assert.Single(set.Links));
    }

    [Fact]
    public void AddOrUpdate_DiscoveredPeerMoved_NewLinkInItsPlaceOldOneReturned()
    {
        var set = Set([new SyncPeerConfig("lb2", Lb2)]);
        var (_, first, _) = set.AddOrUpdate(new SyncPeerConfig("lb3", Lb3));
        var before = set.Links;
        var moved = IPEndPoint.Parse("10.213.0.23:7401");

        var (change, added, removed) = set.AddOrUpdate(new SyncPeerConfig("lb3", moved));

        Assert.Equal(PeerSetChange.Updated, change);
        Assert.Same(first, removed);
        Assert.Equal(moved, added!.Config.EndPoint);
        Assert.Equal(["lb2", "lb3"], set.Links.Select(l => l.Name));
        Assert.Same(added, set.Find("lb3"));
        // The earlier snapshot is untouched: readers holding it are never surprised.
        Assert.Same(first, before[1]);
    }

    [Fact]
    public void AddOrUpdate_ConfiguredName_ConfiguredWinsAndNothingChanges()
    {
        var set = Set([new SyncPeerConfig("lb2", Lb2)]);
        var before = set.Links;

        var (change, added, removed) = set.AddOrUpdate(new SyncPeerConfig("lb2", IPEndPoint.Parse("10.213.0.99:7400")));

        Assert.Equal(PeerSetChange.Configured, change);
        Assert.Null(added);
        Assert.Null(removed);
        Assert.Same(before, set.Links);
        Assert.Equal(Lb2, set.Find("lb2")!.Config.EndPoint);
    }

    [Fact]
    public void AddOrUpdate_OwnName_SelfAndNotAdded()
    {
        var set = Set([]);

        Assert.Equal(PeerSetChange.Self, set.AddOrUpdate(new SyncPeerConfig("lb1", Lb2)).Change);
        Assert.Empty(set.Links);
    }

    [Fact]
    public void Remove_DiscoveredPeer_RemovedAndReturned()
    {
        var set = Set([new SyncPeerConfig("lb2", Lb2)]);
        var (_, added, _) = set.AddOrUpdate(new SyncPeerConfig("lb3", Lb3));

        var (change, removed) = set.Remove("lb3");

        Assert.Equal(PeerSetChange.Removed, change);
        Assert.Same(added, removed);
        Assert.Equal(["lb2"], set.Links.Select(l => l.Name));
        Assert.Null(set.Find("lb3"));
    }

    [Fact]
    public void Remove_ConfiguredPeer_Stays()
    {
        var set = Set([new SyncPeerConfig("lb2", Lb2)]);

        Assert.Equal(PeerSetChange.Configured, set.Remove("lb2").Change);
        Assert.Equal(["lb2"], set.Links.Select(l => l.Name));
    }

    [Fact]
    public void Remove_UnknownName_NotFound()
    {
        Assert.Equal((PeerSetChange.NotFound, null), Set([]).Remove("lb9"));
    }

    [Fact]
    public async Task AddOrUpdateAndRemove_ConcurrentWritersAndReaders_EveryNameOnceAndSnapshotsConsistent()
    {
        var set = Set([new SyncPeerConfig("lb2", Lb2)]);
        using var stop = new CancellationTokenSource();
        var reading = new TaskCompletionSource();
        var reader = Task.Run(() =>
        {
            var reads = 0;
            do
            {
                var links = set.Links;
                Assert.Equal(links.Count, links.Select(l => l.Name).Distinct().Count());
                Assert.Equal("lb2", links[0].Name);
                reads++;
                reading.TrySetResult();
            }
            while (!stop.IsCancellationRequested);

            return reads;
        });
        await reading.Task;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 200; i++)
            {
                var name = $"n{w}-{i % 10}";
                set.AddOrUpdate(new SyncPeerConfig(name, new IPEndPoint(IPAddress.Loopback, 7400 + (i % 3))));
                if (i % 4 == 3)
                {
                    set.Remove(name);
                }
            }
        })).ToList();

        await Task.WhenAll(writers);
        await stop.CancelAsync();
        Assert.True(await reader > 0);
        var final = set.Links.Select(l => l.Name).ToList();
        Assert.Equal(final.Count, final.Distinct().Count());
        Assert.Equal("lb2", final[0]);
    }

    private static SyncPeerSet Set(IReadOnlyList<SyncPeerConfig> configured) =>
        new("lb1", configured, (peer, source) => new PeerLink(
            peer,
            source,
            new GrpcChannel(new GrpcChannelOptions { EndPoint = peer.EndPoint, Security = new PreSharedKeySecurity(ProbeServer.Key) }),
            new PeerReplicationState(peer.Name, peer.EndPoint, TimeSpan.FromSeconds(60), TimeProvider.System)));
}
