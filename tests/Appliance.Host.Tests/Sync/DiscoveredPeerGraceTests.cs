using System.Net;
using Appliance.HaAgent.Discovery;
using Appliance.Host.Sync;

namespace Appliance.Host.Tests.Sync;

/// <summary>When a discovered sync peer that discovery lost is removed: after the grace, unless found again or still streaming.</summary>
public sealed class DiscoveredPeerGraceTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    [Fact]
    public void Due_LostAndNotConnected_RemovedOnlyOnceTheGraceHasPassed()
    {
        var grace = new DiscoveredPeerGrace(Grace);
        Assert.Equal(At(12), grace.Lost("lb2", At(2)));

        Assert.Empty(grace.Due(At(11.9), _ => false));
        Assert.Equal(At(12), grace.NextDeadline);
        Assert.Equal(["lb2"], grace.Due(At(12), _ => false));
        Assert.Null(grace.NextDeadline);
        Assert.Empty(grace.Due(At(30), _ => false));
    }

    [Fact]
    public void Found_WithinTheGrace_NothingRemoved()
    {
        var grace = new DiscoveredPeerGrace(Grace);
        grace.Lost("lb2", At(0));

        Assert.True(grace.Found("lb2"));

        Assert.Empty(grace.Due(At(60), _ => false));
        Assert.False(grace.Found("lb2"));
    }

    [Fact]
    public void Due_StreamStillAlive_KeptAndCheckedAgainOneGraceLater()
    {
        var grace = new DiscoveredPeerGrace(Grace);
        grace.Lost("lb2", At(0));
        var connected = true;

        Assert.Empty(grace.Due(At(10), _ => connected));
        Assert.Equal(At(20), grace.NextDeadline);
        Assert.Empty(grace.Due(At(20), _ => connected));

        connected = false;

        Assert.Equal(["lb2"], grace.Due(At(30), name => connected));
    }

    [Fact]
    public void Lost_Twice_TheFirstDueTimeStays()
    {
        var grace = new DiscoveredPeerGrace(Grace);
        grace.Lost("lb2", At(0));

        Assert.Equal(At(10), grace.Lost("lb2", At(8)));
    }

    [Fact]
    public void Due_TwoPeers_EachAtItsOwnTimeAndOnlyTheDisconnectedOne()
    {
        var grace = new DiscoveredPeerGrace(Grace);
        grace.Lost("lb2", At(0));
        grace.Lost("lb3", At(5));
        grace.Lost("lb4", At(1));

        Assert.Equal(["lb2"], grace.Due(At(11), name => name == "lb4"));
        Assert.Equal(["lb3"], grace.Due(At(15), _ => false));
        Assert.Equal(["lb4"], grace.Pending);
        Assert.Equal(At(21), grace.NextDeadline);
    }

    [Fact]
    public void Constructor_ZeroGrace_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiscoveredPeerGrace(TimeSpan.Zero));
    }

    [Theory]
    [InlineData("c1", "lb2", 7400, true)]
    [InlineData("c2", "lb2", 7400, false)]
    [InlineData("c1", "lb1", 7400, false)]
    [InlineData("c1", "lb2", 0, false)]
    public void Accepts_ClusterSelfAndPort_OnlyOtherNodesOfThisClusterWithASyncPort(string cluster, string node, int port, bool accepted)
    {
        var peer = new DiscoveryPeer(node, cluster, node, $"{node}.local", [IPAddress.Parse("10.213.0.12")], port);

        Assert.Equal(accepted, DiscoverySyncFeed.Accepts(peer, "c1", "lb1"));
    }

    [Fact]
    public void Accepts_NoAddress_Refused()
    {
        Assert.False(DiscoverySyncFeed.Accepts(new DiscoveryPeer("lb2", "c1", "lb2", "lb2.local", [], 7400), "c1", "lb1"));
    }

    private static TimeSpan At(double seconds) => TimeSpan.FromSeconds(seconds);
}
