using System.Net;
using System.Text;
using Appliance.Contracts;
using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Node;
using Appliance.HaAgent.Sync.Status;
using Appliance.Host.Sync;

namespace Appliance.Host.Tests.Sync;

public sealed class SyncMetricsTests
{
    [Fact]
    public void Write_MasterWithOnePeer_LagUnackedTablesAndConfigAsPrometheusFamilies()
    {
        var peer = new PeerSyncStatus(
            "lb\"2", IPEndPoint.Parse("10.213.0.12:7400"), PeerConnectionState.Streaming, LastSentSequence: 120, AckedSequence: 117,
            Unacknowledged: 3, LagP50: TimeSpan.FromMilliseconds(0.4), LagP99: TimeSpan.FromMilliseconds(5.6), SnapshotsSent: 1,
            Reconnects: 0, LastError: null, LastAck: null, Config: null);
        var status = new SyncStatus(
            "lb1", HaRole.Master, Epoch: 4, HeadSequence: 120, PendingChanges: 0, QueueOverflows: 2, InitialSyncOutcome.Loaded,
            Established: true, new RunningConfig(7, "ab"), [new TableSize("web", 1000)], [peer], Upstream: null, Drift: []);
        var text = new StringBuilder();

        SyncMetrics.Write(text, status);

        var lines = text.ToString().Split('\n');
        Assert.Contains("appliance_sync_head_sequence 120", lines);
        Assert.Contains("appliance_sync_queue_overflows_total 2", lines);
        Assert.Contains("appliance_sync_config_version 7", lines);
        Assert.Contains("appliance_stick_table_entries{table=\"web\"} 1000", lines);
        Assert.Contains("appliance_sync_peer_up{peer=\"lb\\\"2\",source=\"configured\"} 1", lines);
        Assert.Contains("appliance_sync_unacknowledged{peer=\"lb\\\"2\",source=\"configured\"} 3", lines);
        Assert.Contains("appliance_sync_lag_seconds{peer=\"lb\\\"2\",source=\"configured\",quantile=\"0.5\"} 0.0004", lines);
        Assert.Contains("appliance_sync_lag_seconds{peer=\"lb\\\"2\",source=\"configured\",quantile=\"0.99\"} 0.0056", lines);
        Assert.Contains("# TYPE appliance_sync_lag_seconds gauge", lines);
        Assert.Equal(lines.Count(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)), lines.Count(l => l.StartsWith("# HELP ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Write_PeerWithoutLagSamples_OmitsTheQuantilesNotTheFamily()
    {
        var peer = new PeerSyncStatus(
            "lb2", IPEndPoint.Parse("10.213.0.12:7400"), PeerConnectionState.Connecting, 0, 0, 0, null, null, 0, 3, "refused", null, null);
        var status = new SyncStatus(
            "lb1", HaRole.Backup, 1, 0, 0, 0, InitialSyncOutcome.TimedOut, false, null, [], [peer], null, []);
        var text = new StringBuilder();

        SyncMetrics.Write(text, status);

        var output = text.ToString();
        Assert.Contains("appliance_sync_peer_up{peer=\"lb2\",source=\"configured\"} 0\n", output, StringComparison.Ordinal);
        Assert.Contains("# TYPE appliance_sync_lag_seconds gauge\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("quantile", output, StringComparison.Ordinal);
        Assert.DoesNotContain("appliance_stick_table_entries", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DiscoveredPeer_LabelledAsDiscovered()
    {
        var peer = new PeerSyncStatus(
            "lb3", IPEndPoint.Parse("10.213.0.13:7400"), PeerConnectionState.Streaming, 5, 5, 0, null, null, 0, 0, null, null, null,
            PeerSource.Discovered);
        var status = new SyncStatus(
            "lb1", HaRole.Master, 1, 5, 0, 0, InitialSyncOutcome.Loaded, true, null, [], [peer], null, []);
        var text = new StringBuilder();

        SyncMetrics.Write(text, status);

        var output = text.ToString();
        Assert.Contains("appliance_sync_peer_up{peer=\"lb3\",source=\"discovered\"} 1\n", output, StringComparison.Ordinal);
        Assert.Contains("appliance_sync_snapshots_sent_total{peer=\"lb3\",source=\"discovered\"} 0\n", output, StringComparison.Ordinal);
    }
}
