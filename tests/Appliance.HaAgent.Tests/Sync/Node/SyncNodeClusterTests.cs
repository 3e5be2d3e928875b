using Appliance.Contracts;
using Appliance.HaAgent.Sync.ConfigSync;
using Appliance.HaAgent.Sync.Status;
using Appliance.HaAgent.Tests.Sync.ConfigSync;
using static Appliance.HaAgent.Tests.Sync.Node.TestSyncNode;

namespace Appliance.HaAgent.Tests.Sync.Node;

/// <summary>Configuration two-phase commit, drift, status and switchover across in-process nodes over real gRPC.</summary>
public class SyncNodeClusterTests
{
    private static async Task<TestSyncNode[]> StartThreeAsync(int[] ports, params InMemoryConfigParticipant?[] configs)
    {
        var names = new[] { "lb1", "lb2", "lb3" };
        var nodes = new TestSyncNode[3];
        for (var i = 0; i < 3; i++)
        {
            var peers = Enumerable.Range(0, 3).Where(j => j != i).Select(j => (names[j], ports[j]));
            nodes[i] = await Create(names[i], ports[i], peers, config: configs.Length > i ? configs[i] : null).StartAsync();
        }

        return nodes;
    }

    private static async Task DisposeAllAsync(IEnumerable<TestSyncNode> nodes)
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task ProposeConfig_ThreeNodesAccept_EveryNodeRunsTheNewVersion()
    {
        var nodes = await StartThreeAsync(FreePorts(3), new InMemoryConfigParticipant(version: 4));
        try
        {
            var result = await nodes[1].Node.ProposeConfigAsync("frontend web\n    bind :80\n");

            Assert.True(result.Committed, result.Error);
            Assert.Equal(5, result.Version);
            Assert.Equal(["lb2", "lb1", "lb3"], result.Nodes.Select(n => n.Node));
            Assert.All(nodes, n => Assert.Equal(5, n.Config.Running.Version));
            Assert.All(nodes, n => Assert.Equal("frontend web\n    bind :80\n", n.Config.RunningText));
            var cluster = await nodes[0].Node.GetClusterStatusAsync(TimeSpan.FromSeconds(5));
            Assert.Empty(cluster.Drift);
            Assert.All(cluster.Nodes, n => Assert.Equal(5, n.Config!.Version));
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }

    [Fact]
    public async Task ProposeConfig_OneNodeRefuses_NoNodeAppliesItAndTheErrorNamesTheNodeAndWhy()
    {
        var nodes = await StartThreeAsync(
            FreePorts(3), null, null, new InMemoryConfigParticipant("/etc/appliance/lb3.cfg", refused: "option"));
        try
        {
            var result = await nodes[0].Node.ProposeConfigAsync("defaults\n    option forwardfor\n");

            Assert.False(result.Committed);
            Assert.All(nodes, n => Assert.Equal(0, n.Config.Running.Version));
            Assert.All(nodes, n => Assert.Equal(0, n.Config.Commits));
            Assert.Equal(
                "configuration version 1 was applied on no node:\n  lb3 refused it:\n    /etc/appliance/lb3.cfg:2: error: unknown keyword 'option'",
                result.Error);
            Assert.Equal([1L], nodes[0].Config.Aborted);
            Assert.Equal([1L], nodes[1].Config.Aborted);
        }
        finally
        {
            await DisposeAllAsync(nodes);
        }
    }

    [Fact]
    public async Task ProposeConfig_PeerUnreachable_FailsNamingIt()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1])]).StartAsync();
        var result = await a.Node.ProposeConfigAsync("x\n");
        Assert.False(result.Committed);
        Assert.Equal(0, a.Config.Running.Version);
        Assert.StartsWith("the configuration was not proposed: the version could not be chosen:\n  lb2: Unavailable:", result.Error);
    }

    [Fact]
    public async Task ConfigDrift_BackupRunsAnOlderVersion_MasterBringsItUpToDate()
    {
        var ports = FreePorts(2);
        const string text = "frontend web\n    bind :443\n";
        var masterConfig = new InMemoryConfigParticipant(version: 7, text: text);
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1])], config: masterConfig, runningText: _ => Task.FromResult<string?>(masterConfig.RunningText)).StartAsync();
        await using var b = await Create("lb2", ports[1], [("lb1", ports[0])], config: new InMemoryConfigParticipant(version: 3, text: "old\n")).StartAsync();
        b.Node.SetRole(HaRole.Backup);
        a.Node.SetRole(HaRole.Master);

        await EventuallyAsync(() => b.Config.Running.Version == 7, "the backup runs version 7", a, b);
        Assert.Equal(text, b.Config.RunningText);
        await EventuallyAsync(() => a.Node.GetStatus().Drift.Count == 0, "the master reports no drift", a);
    }

    [Fact]
    public async Task ClusterStatus_NodeOnOtherVersion_IsReportedAsDrift()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1])], config: new InMemoryConfigParticipant(version: 2, text: "a\n")).StartAsync();
        await using var b = await Create("lb2", ports[1], [("lb1", ports[0])], config: new InMemoryConfigParticipant(version: 1, text: "b\n")).StartAsync();
        var cluster = await a.Node.GetClusterStatusAsync(TimeSpan.FromSeconds(5));

        var drift = Assert.Single(cluster.Drift);
        Assert.Equal(("lb2", 1L, ConfigHash.Compute("b\n")), (drift.Node, drift.Version, drift.Sha256));
        Assert.Equal(["lb1", "lb2"], cluster.Nodes.Select(n => n.Node));
        Assert.All(cluster.Nodes, n => Assert.True(n.Reachable));
        Assert.Single(a.Node.GetStatus().Drift);
    }

    [Fact]
    public async Task ClusterStatus_PeerDown_IsUnreachableWithTheReason()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1])]).StartAsync();
        var cluster = await a.Node.GetClusterStatusAsync(TimeSpan.FromSeconds(5));
        var down = cluster.Nodes[1];
        Assert.False(down.Reachable);
        Assert.StartsWith("Unavailable:", down.Error);
    }

    [Fact]
    public async Task PlannedSwitchover_CaughtUpThenTakeover_TargetHandlerSeesLagZero()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1])]).StartAsync();
        await using var b = await Create("lb2", ports[1], [("lb1", ports[0])]).StartAsync();
        b.Node.SetRole(HaRole.Backup);
        a.Node.SetRole(HaRole.Master);
        await EventuallyAsync(() => a.Node.GetStatus().Peers[0].State == PeerConnectionState.Streaming, "the stream is open", a, b);
        for (var i = 1; i <= 200; i++)
        {
            a.Tables.Store("web", $"10.1.0.{i % 250}", "s1");
            a.Tables.Store("app", $"sid-{i}", "s2");
        }

        Assert.True(await a.Node.WaitForPeersCaughtUpAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(200, b.Tables.Count("app"));
        var result = await a.Node.RequestTakeoverAsync("lb2", TimeSpan.FromSeconds(5), hold: TimeSpan.FromSeconds(30));

        Assert.True(result.Accepted, result.Detail);
        Assert.Equal(("lb2", "priority raised to 254"), (result.Node, result.Detail));
        var request = Assert.Single(b.Takeover.Requests);
        Assert.Equal("lb1", request.From);
        Assert.True(request.CaughtUp);
        Assert.Equal(TimeSpan.FromSeconds(30), request.Hold);
        Assert.Equal(a.Node.GetStatus().HeadSequence, request.AppliedSequence);
    }

    [Fact]
    public async Task ReleaseTakeover_Peer_TargetHandlerEndsItsOverride()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1])]).StartAsync();
        await using var b = await Create("lb2", ports[1], [("lb1", ports[0])]).StartAsync();
        b.Node.SetRole(HaRole.Backup);
        a.Node.SetRole(HaRole.Backup);

        var result = await a.Node.ReleaseTakeoverAsync("lb2", TimeSpan.FromSeconds(5));

        Assert.True(result.Accepted, result.Detail);
        Assert.Equal(("lb2", "released: no hold, no priority override"), (result.Node, result.Detail));
        Assert.Equal(["lb1"], b.Takeover.Releases);
        Assert.Empty(b.Takeover.Requests);
    }

    [Fact]
    public async Task WaitForPeersCaughtUp_NotMaster_IsFalse()
    {
        var ports = FreePorts(1);
        await using var a = await Create("lb1", ports[0], []).StartAsync();
        a.Node.SetRole(HaRole.Backup);
        Assert.False(await a.Node.WaitForPeersCaughtUpAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task RequestTakeover_UnknownPeer_Throws()
    {
        var ports = FreePorts(1);
        await using var a = await Create("lb1", ports[0], []).StartAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => a.Node.RequestTakeoverAsync("lb9", TimeSpan.FromSeconds(1)));
        Assert.StartsWith("'lb9' is not a sync_peer of lb1", error.Message);
    }
}
