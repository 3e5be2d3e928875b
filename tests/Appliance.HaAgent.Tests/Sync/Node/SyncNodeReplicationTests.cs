using Appliance.Contracts;
using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Node;
using Appliance.HaAgent.Sync.Status;
using static Appliance.HaAgent.Tests.Sync.Node.TestSyncNode;

namespace Appliance.HaAgent.Tests.Sync.Node;

/// <summary>Two or three in-process nodes over real gRPC on 127.0.0.1.</summary>
public class SyncNodeReplicationTests
{
    [Fact]
    public async Task Replication_BackupJoinsAfterMasterHasEntries_ConvergesBySnapshotThenDeltas()
    {
        var ports = FreePorts(2);
        await using var a = Create("lb1", ports[0], [("lb2", ports[1])]);
        for (var i = 1; i <= 3; i++)
        {
            a.Tables.Store("web", $"10.0.0.{i}", "s1");
        }

        await a.StartAsync();
        a.Node.SetRole(HaRole.Master);
        await using var b = await Create("lb2", ports[1], [("lb1", ports[0])]).StartAsync();
        b.Node.SetRole(HaRole.Backup);

        await EventuallyAsync(() => b.Tables.Count("web") == 3, "the backup holds the master's three entries");
        await EventuallyAsync(() => a.Node.GetStatus().Peers[0] is { State: PeerConnectionState.Streaming, AckedSequence: 0 }
            && b.Node.GetStatus().Upstream is { SnapshotsApplied: 1 }, "the stream is past its snapshot", a, b);
        a.Tables.Store("web", "10.0.0.4", "s2");
        a.Tables.Store("app", "JSESSIONID=abc", "s1");
        a.Tables.Clear("web", "10.0.0.1");
        await EventuallyAsync(() => b.Tables.ServerOf("web", "10.0.0.4") == "s2" && b.Tables.ServerOf("app", "JSESSIONID=abc") == "s1"
            && b.Tables.ServerOf("web", "10.0.0.1") is null, "the deltas are applied", a, b);

        Assert.True(await a.Node.WaitForPeersCaughtUpAsync(TimeSpan.FromSeconds(10)));
        var peer = Assert.Single(a.Node.GetStatus().Peers);
        Assert.Equal(PeerConnectionState.Streaming, peer.State);
        Assert.Equal(0, peer.Unacknowledged);
        Assert.Equal(a.Node.GetStatus().HeadSequence, peer.AckedSequence);
        Assert.NotNull(peer.LagP50);
        Assert.NotNull(peer.LagP99);
        Assert.Equal("lb1", b.Node.GetStatus().Upstream!.Master);
        Assert.Equal(a.Node.GetStatus().Epoch, b.Node.GetStatus().Epoch);
    }

    [Fact]
    public async Task InitialSync_BackupRestartsEmpty_PullsTheEntriesAgain()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1])]).StartAsync();
        a.Node.SetRole(HaRole.Master);
        for (var i = 1; i <= 50; i++)
        {
            a.Tables.Store("web", $"10.0.1.{i}", i % 2 == 0 ? "s1" : "s2");
        }

        await using (var first = await Create("lb2", ports[1], [("lb1", ports[0])]).StartAsync())
        {
            first.Node.SetRole(HaRole.Backup);
            await EventuallyAsync(() => first.Tables.Count("web") == 50, "the first backup converges");
        }

        await using var restarted = await Create("lb2", ports[1], [("lb1", ports[0])]).StartAsync();
        var outcome = await restarted.Node.WaitForInitialSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(outcome is InitialSyncOutcome.Loaded or InitialSyncOutcome.FromMaster, $"outcome {outcome}");
        Assert.Equal(50, restarted.Tables.Count("web"));
        Assert.Equal("s1", restarted.Tables.ServerOf("web", "10.0.1.2"));
    }

    [Fact]
    public async Task EmptyTable_EmptyNodeBecomesMasterWhileBackupHoldsEntries_BackupKeepsThemAndMasterLearnsThem()
    {
        var ports = FreePorts(2);
        var full = new Replication.InMemoryStickTables(("web", StickKeyType.Ipv4), ("app", StickKeyType.Text));
        for (var i = 1; i <= 5; i++)
        {
            full.Apply(new StickEntry("web", new StickKey(StickKeyType.Ipv4, $"10.0.2.{i}"), "s2", TimeSpan.FromMinutes(10)));
        }

        // lb1 starts alone and empty: its pull times out, so its state is not established.
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1])], initialSyncTimeout: TimeSpan.FromMilliseconds(300)).StartAsync();
        Assert.Equal(InitialSyncOutcome.TimedOut, await a.Node.WaitForInitialSyncAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(a.Node.GetStatus().Established);
        a.Node.SetRole(HaRole.Master);

        // lb2 comes up holding entries (it served before): the empty master must not wipe them.
        await using var b = await Create("lb2", ports[1], [("lb1", ports[0])], tables: full).StartAsync();
        b.Node.SetRole(HaRole.Backup);
        await EventuallyAsync(() => a.Node.GetStatus().Peers[0].State == PeerConnectionState.Streaming
            && a.Node.GetStatus().Peers[0].AckedSequence == a.Node.GetStatus().HeadSequence
            && b.Node.GetStatus().Upstream is { SnapshotsApplied: > 0 }, "the master streams to the backup");

        Assert.Equal(5, b.Tables.Count("web"));
        Assert.Equal(5, a.Tables.Count("web"));
    }

    [Fact]
    public async Task EmptyTable_TwoNodesRestartEmptyWhileTheThirdWithEntriesIsDown_ItsEntriesSurviveWhenItReturns()
    {
        var ports = FreePorts(3);
        var full = new Replication.InMemoryStickTables(("web", StickKeyType.Ipv4), ("app", StickKeyType.Text));
        for (var i = 1; i <= 4; i++)
        {
            full.Apply(new StickEntry("app", new StickKey(StickKeyType.Text, $"sid-{i}"), "s1", TimeSpan.FromMinutes(10)));
        }

        var timeout = TimeSpan.FromMilliseconds(1500);
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1]), ("lb3", ports[2])], initialSyncTimeout: timeout).StartAsync();
        await using var b = await Create("lb2", ports[1], [("lb1", ports[0]), ("lb3", ports[2])], initialSyncTimeout: timeout).StartAsync();
        await a.Node.WaitForInitialSyncAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(a.Node.GetStatus().Established);
        b.Node.SetRole(HaRole.Backup);
        a.Node.SetRole(HaRole.Master);
        await EventuallyAsync(() => a.Node.GetStatus().Peers[0].State == PeerConnectionState.Streaming, "lb1 streams to lb2", a, b);

        await using var c = await Create("lb3", ports[2], [("lb1", ports[0]), ("lb2", ports[1])], tables: full).StartAsync();
        c.Node.SetRole(HaRole.Backup);
        await EventuallyAsync(() => c.Node.GetStatus().Upstream is { SnapshotsApplied: > 0 } && b.Tables.Count("app") == 4,
            "lb3 applied lb1's snapshot and lb2 holds lb3's entries", a, b, c);

        Assert.Equal(4, c.Tables.Count("app"));
        Assert.Equal(4, a.Tables.Count("app"));
    }

    [Fact]
    public async Task ServerHealth_ChangeOnMaster_ReachesTheBackup()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1])]).StartAsync();
        await using var b = await Create("lb2", ports[1], [("lb1", ports[0])]).StartAsync();
        a.Node.SetRole(HaRole.Master);
        b.Node.SetRole(HaRole.Backup);
        a.Health.Set("web", "s2", ServerStatus.Down, "L4CON");
        await EventuallyAsync(() => b.Health.StatusOf("web", "s2") == ServerStatus.Down, "the backup sees s2 down");
        a.Health.Set("web", "s1", ServerStatus.Drain, "L7OK");
        await EventuallyAsync(() => b.Health.StatusOf("web", "s1") == ServerStatus.Drain, "the backup sees s1 draining", a, b);
    }

    [Fact]
    public async Task Failover_BackupBecomesMaster_NewEpochAndTheOldMasterFollowsIt()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1])]).StartAsync();
        await using var b = await Create("lb2", ports[1], [("lb1", ports[0])]).StartAsync();
        a.Node.SetRole(HaRole.Master);
        b.Node.SetRole(HaRole.Backup);
        a.Tables.Store("web", "10.0.3.1", "s1");
        await EventuallyAsync(() => b.Tables.Count("web") == 1, "the backup converges");
        var oldEpoch = a.Node.GetStatus().Epoch;

        b.Node.SetRole(HaRole.Master);
        a.Node.SetRole(HaRole.Backup);
        b.Tables.Store("web", "10.0.3.2", "s2");
        await EventuallyAsync(() => a.Tables.ServerOf("web", "10.0.3.2") == "s2", "the old master applies the new master's change");
        Assert.True(b.Node.GetStatus().Epoch > oldEpoch);
        Assert.Equal("lb2", a.Node.GetStatus().Upstream!.Master);
        Assert.Equal(2, a.Tables.Count("web"));
    }

    [Fact]
    public async Task DualMaster_BothMaster_EachRefusesTheOthersStream()
    {
        var ports = FreePorts(2);
        await using var a = await Create("lb1", ports[0], [("lb2", ports[1])]).StartAsync();
        await using var b = await Create("lb2", ports[1], [("lb1", ports[0])]).StartAsync();
        a.Node.SetRole(HaRole.Master);
        b.Node.SetRole(HaRole.Master);
        await EventuallyAsync(() => a.Node.GetStatus().Peers[0].State == PeerConnectionState.Refused, "lb2 refuses lb1's stream");
        Assert.Equal("lb2 is master itself", a.Node.GetStatus().Peers[0].LastError);
    }
}
