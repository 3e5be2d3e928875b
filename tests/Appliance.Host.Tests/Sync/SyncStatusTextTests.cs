using System.Net;
using Appliance.Contracts;
using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Node;
using Appliance.HaAgent.Sync.Status;
using Appliance.Host.Sync;

namespace Appliance.Host.Tests.Sync;

public sealed class SyncStatusTextTests
{
    private const string HashA = "aaaaaaaaaaaa0123456789abcdef0123456789abcdef0123456789abcdef0123";
    private const string HashB = "bbbbbbbbbbbb0123456789abcdef0123456789abcdef0123456789abcdef0123";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Format_MasterWithOneStreamingPeerAndADriftingUnreachableNode_EveryPartShown()
    {
        var peer = new PeerSyncStatus("lb2", IPEndPoint.Parse("10.213.0.12:7400"), PeerConnectionState.Streaming, 1042, 1040, 2,
            TimeSpan.FromMilliseconds(0.84), TimeSpan.FromMilliseconds(31.6), 1, 3, null, Now, new RunningConfig(7, HashA));
        var local = Status(HaRole.Master, [peer], upstream: null) with { QueueOverflows = 5 };
        var cluster = new ClusterSyncStatus(local,
            [
                new NodeReport("lb1", true, HaRole.Master, 3, 1042, null, new NodeConfigVersion("lb1", 7, HashA), [new TableSize("web", 1000)], null),
                new NodeReport("lb2", true, HaRole.Backup, 3, 1040, TimeSpan.FromMilliseconds(2), new NodeConfigVersion("lb2", 6, HashB), [], null),
                new NodeReport("lb3", false, null, 0, 0, null, null, [], "Unavailable: connection refused"),
            ],
            [new NodeConfigVersion("lb2", 6, HashB)]);

        var text = SyncStatusText.Format(cluster);

        Assert.Equal(
            """
            node: lb1  role: MASTER  epoch: 3  head: 1042  pending: 0  established: yes  initial sync: Loaded
            config: v7 aaaaaaaaaaaa
            tables: web 1000, api 0
            queue overflows: 5 (each sent every peer a snapshot)

            PEER          SOURCE      ADDRESS                STATE         ACKED     UNACKED  LAG P50   LAG P99   RECONNECTS  CONFIG          LAST ERROR
            lb2           configured  10.213.0.12:7400       Streaming     1040      2        0.8ms     32ms      3           v7 aaaaaaaaaaaa -

            NODE          REACHABLE  ROLE        EPOCH   APPLIED   LAG       CONFIG
            lb1           yes        MASTER      3       1042      -         v7 aaaaaaaaaaaa
            lb2           yes        BACKUP      3       1040      2.0ms     v6 bbbbbbbbbbbb
            lb3           no         Unavailable: connection refused

            drift: lb2 runs v6 (bbbbbbbbbbbb)
            """.ReplaceLineEndings("\n"),
            text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Summary_Backup_ShowsTheAppliedStreamAndDrift()
    {
        var upstream = new UpstreamStatus("lb1", 3, 1040, 1042, 1, 0, Now, true);
        var status = Status(HaRole.Backup, [], upstream) with { Node = "lb2", Drift = [new NodeConfigVersion("lb3", 5, HashB)] };

        Assert.Equal(
            "sync: node lb2, epoch 3, peers 0/0 streaming, unacked 0, applying lb1's stream: 1040 of 1042\nsync config: v7 aaaaaaaaaaaa; drift: lb3 v5",
            SyncStatusText.Summary(status).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Format_BackupOfADiscoveredMaster_PeerAndUpstreamSayDiscovered()
    {
        var master = new PeerSyncStatus("lb1", IPEndPoint.Parse("10.213.0.11:7400"), PeerConnectionState.Idle, 0, 0, 0,
            null, null, 0, 0, null, null, null, PeerSource.Discovered);
        var upstream = new UpstreamStatus("lb1", 3, 1040, 1042, 1, 0, Now, true);
        var local = Status(HaRole.Backup, [master], upstream) with { Node = "lb2" };

        var text = SyncStatusText.Format(new ClusterSyncStatus(local, [], [])).ReplaceLineEndings("\n");

        Assert.Contains("\nlb1           discovered  10.213.0.11:7400       Idle          0         0        -         -         0           -               -\n", text, StringComparison.Ordinal);
        Assert.Contains("\nupstream: master lb1 (discovered) epoch 3, applied 1040 of 1042, connected, snapshots 1 (0 merged only)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_NoPeerYet_SaysNoneYet()
    {
        var text = SyncStatusText.Format(new ClusterSyncStatus(Status(HaRole.Master, [], upstream: null), [], [])).ReplaceLineEndings("\n");

        Assert.Contains("LAST ERROR\n(none yet)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_BackupWithAConfiguredAndADiscoveredPeer_OneLinePerPeerWithItsSource()
    {
        var upstream = new UpstreamStatus("lb1", 3, 1040, 1042, 1, 0, Now, true);
        PeerSyncStatus[] peers =
        [
            new("lb1", IPEndPoint.Parse("10.213.0.11:7400"), PeerConnectionState.Idle, 0, 0, 0, null, null, 0, 0, null, null, null, PeerSource.Discovered),
            new("lb3", IPEndPoint.Parse("10.213.0.13:7400"), PeerConnectionState.Idle, 0, 0, 0, null, null, 0, 0, null, null, null),
        ];

        var lines = SyncStatusText.Summary(Status(HaRole.Backup, peers, upstream) with { Node = "lb2" }).ReplaceLineEndings("\n").Split('\n');

        Assert.Equal(
            ["  sync peer lb1 discovered 10.213.0.11:7400 Idle, master streaming to this node", "  sync peer lb3 configured 10.213.0.13:7400 Idle"],
            lines[2..]);
    }

    private static SyncStatus Status(HaRole role, IReadOnlyList<PeerSyncStatus> peers, UpstreamStatus? upstream) =>
        new("lb1", role, 3, 1042, 0, 0, InitialSyncOutcome.Loaded, true, new RunningConfig(7, HashA),
            [new TableSize("web", 1000), new TableSize("api", 0)], peers, upstream, []);
}
