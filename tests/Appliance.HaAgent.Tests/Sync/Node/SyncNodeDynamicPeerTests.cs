using System.Net;
using Appliance.Contracts;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Sync.Node;
using Appliance.HaAgent.Sync.Status;
using static Appliance.HaAgent.Tests.Sync.Node.TestSyncNode;

namespace Appliance.HaAgent.Tests.Sync.Node;

/// <summary>Peers added, moved and removed at run time (as discovery does), over real gRPC on 127.0.0.1.</summary>
public sealed class SyncNodeDynamicPeerTests
{
    [Fact]
    public async Task InitialSync_DiscoveryOnAndNoPeer_NoPeersYetAndNotEstablished()
    {
        var ports = FreePorts(1);
        await using var a = await Create("lb1", ports[0], [], discoversPeers: true).StartAsync();

        Assert.Equal(InitialSyncOutcome.NoPeersYet, await a.Node.WaitForInitialSyncAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(a.Node.GetStatus().Established);
        Assert.Empty(a.Node.GetStatus().Peers);
    }

    [Fact]
    public async Task AddOrUpdatePeer_WhileMaster_StreamStartsAndBackupConverges()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [], discoversPeers: true).StartAsync();
        await using var b = await Create("lb2", ports[1], [], discoversPeers: true).StartAsync();
        a.Node.SetRole(HaRole.Master);
        b.Node.SetRole(HaRole.Backup);
        a.Tables.Store("web", "10.0.5.1", "s1");

        Assert.Equal(PeerSetChange.Added, a.Node.AddOrUpdatePeer(Peer("lb2", ports[1])));
        Assert.Equal(PeerSetChange.Added, b.Node.AddOrUpdatePeer(Peer("lb1", ports[0])));

        await EventuallyAsync(() => b.Tables.ServerOf("web", "10.0.5.1") == "s1", "the backup holds the master's entry", a, b);
        await EventuallyAsync(() => a.Node.GetStatus().Peers is [{ State: PeerConnectionState.Streaming, Source: PeerSource.Discovered }], "lb1 streams to the discovered lb2", a, b);
        a.Tables.Store("web", "10.0.5.2", "s2");
        await EventuallyAsync(() => b.Tables.ServerOf("web", "10.0.5.2") == "s2", "a delta reaches the backup", a, b);
        Assert.True(a.Node.IsPeerConnected("lb2"));
        Assert.True(b.Node.IsPeerConnected("lb1"));
        Assert.Equal(PeerSource.Discovered, b.Node.GetStatus().Peers.Single().Source);
        Assert.Contains("Sync peer lb2 at 127.0.0.1:" + ports[1] + " added (discovered)", a.Logs.AllText, StringComparison.Ordinal);

        // The discovered peer takes part in the cluster calls too.
        var cluster = await a.Node.GetClusterStatusAsync(TimeSpan.FromSeconds(5));
        Assert.Contains(cluster.Nodes, n => n.Node == "lb2" && n.Reachable);
        var takeover = await a.Node.RequestTakeoverAsync("lb2", TimeSpan.FromSeconds(5));
        Assert.True(takeover.Accepted, takeover.Detail);
    }

    [Fact]
    public async Task RemovePeer_StreamingPeer_StreamEndsAndPeerGone()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [], discoversPeers: true).StartAsync();
        await using var b = await Create("lb2", ports[1], [], discoversPeers: true).StartAsync();
        b.Node.SetRole(HaRole.Backup);
        a.Node.AddOrUpdatePeer(Peer("lb2", ports[1]));
        a.Node.SetRole(HaRole.Master);
        await EventuallyAsync(() => b.Node.GetStatus().Upstream is { Connected: true }, "lb2 applies lb1's stream", a, b);

        Assert.Equal(PeerSetChange.Removed, a.Node.RemovePeer("lb2"));

        Assert.Empty(a.Node.GetStatus().Peers);
        Assert.Equal(0, a.Node.PeerCount);
        Assert.False(a.Node.IsPeerConnected("lb2"));
        await EventuallyAsync(() => b.Node.GetStatus().Upstream is { Connected: false }, "the stream to lb2 ended", a, b);
        a.Tables.Store("web", "10.0.6.1", "s1");
        Assert.True(await a.Node.WaitForPeersCaughtUpAsync(TimeSpan.FromSeconds(5)), "no peer left to wait for");
        Assert.Null(b.Tables.ServerOf("web", "10.0.6.1"));
        Assert.Contains("Sync peer lb2 removed", a.Logs.AllText, StringComparison.Ordinal);
        Assert.Equal(PeerSetChange.NotFound, a.Node.RemovePeer("lb2"));
    }

    [Fact]
    public async Task AddOrUpdatePeer_PeerMovesToTheRightPort_StreamRedialledThere()
    {
        var ports = FreePorts(3);
        await using var a = await Create("lb1", ports[0], [], discoversPeers: true).StartAsync();
        await using var b = await Create("lb2", ports[1], [], discoversPeers: true).StartAsync();
        b.Node.SetRole(HaRole.Backup);
        a.Node.SetRole(HaRole.Master);
        a.Tables.Store("web", "10.0.7.1", "s2");

        // First announced at a port where nothing listens, then at the real one.
        a.Node.AddOrUpdatePeer(Peer("lb2", ports[2]));
        await EventuallyAsync(() => a.Node.GetStatus().Peers is [{ Reconnects: > 0 }], "the dial to the wrong port failed", a);
        Assert.Equal(PeerSetChange.Updated, a.Node.AddOrUpdatePeer(Peer("lb2", ports[1])));

        await EventuallyAsync(() => b.Tables.ServerOf("web", "10.0.7.1") == "s2", "the backup got the entry at the new port", a, b);
        var peer = Assert.Single(a.Node.GetStatus().Peers);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, ports[1]), peer.EndPoint);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, ports[1]), Assert.Single(a.Node.Peers).EndPoint);
        Assert.Contains($"Sync peer lb2 moved from 127.0.0.1:{ports[2]} to 127.0.0.1:{ports[1]}", a.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOrUpdatePeer_NameOfASyncPeerLine_ConfiguredEndpointKept()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1])], discoversPeers: true).StartAsync();

        Assert.Equal(PeerSetChange.Configured, a.Node.AddOrUpdatePeer(Peer("lb2", 9)));
        Assert.Equal(PeerSetChange.Configured, a.Node.RemovePeer("lb2"));

        var peer = Assert.Single(a.Node.GetStatus().Peers);
        Assert.Equal((PeerSource.Configured, ports[1]), (peer.Source, peer.EndPoint.Port));
        Assert.Contains("the sync_peer line wins", a.Logs.AllText, StringComparison.Ordinal);
        Assert.Equal(PeerSetChange.Self, a.Node.AddOrUpdatePeer(Peer("lb1", ports[0])));
    }

    [Fact]
    public async Task ProposeConfig_DiscoveredPeer_TakesPartInTheTwoPhaseCommit()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [], discoversPeers: true).StartAsync();
        await using var b = await Create("lb2", ports[1], [], discoversPeers: true).StartAsync();
        a.Node.AddOrUpdatePeer(Peer("lb2", ports[1]));

        var result = await a.Node.ProposeConfigAsync("global\n    maxconn 100\n");

        Assert.True(result.Committed, result.Error);
        Assert.Equal(["lb1", "lb2"], result.Nodes.Select(n => n.Node).Order());
        Assert.Equal(result.Version, b.Config.Running.Version);
    }

    private static SyncPeerConfig Peer(string name, int port) => new(name, new IPEndPoint(IPAddress.Loopback, port));
}
