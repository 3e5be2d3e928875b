using System.Globalization;
using System.Text;
using Appliance.HaAgent.Sync.Status;
using Appliance.ProxyCore.Stats;

namespace Appliance.Host.Sync;

/// <summary>
/// The state sync's metrics on the proxy's Prometheus endpoint (docs/sync.md "Metrics"): per peer the connection state,
/// unacknowledged changes, replication lag p50/p99 and snapshots sent (labelled with the peer's name and source,
/// configured or discovered); per node the head sequence, queue overflows,
/// configuration version and stick-table sizes.
/// </summary>
internal sealed class SyncMetrics : IMetricsSource
{
    private readonly Func<SyncStatus> _status;

    public SyncMetrics(Func<SyncStatus> status) => _status = status;

    public void AppendPrometheus(StringBuilder text) => Write(text, _status());

    /// <summary>Writes <paramref name="status"/> as metric families (pure: the tests call it directly).</summary>
    public static void Write(StringBuilder text, SyncStatus status)
    {
        Family(text, "appliance_sync_head_sequence", "counter", "The last sequence number this node gave a local change.");
        Sample(text, "appliance_sync_head_sequence", null, status.HeadSequence);
        Family(text, "appliance_sync_queue_overflows_total", "counter", "Local changes dropped because the sync queue was full (each forces snapshots).");
        Sample(text, "appliance_sync_queue_overflows_total", null, status.QueueOverflows);
        Family(text, "appliance_sync_config_version", "gauge", "The configuration version this node runs.");
        Sample(text, "appliance_sync_config_version", null, status.Config?.Version ?? 0);
        Family(text, "appliance_sync_config_drift_nodes", "gauge", "Nodes known to run another configuration version than this one.");
        Sample(text, "appliance_sync_config_drift_nodes", null, status.Drift.Count);
        if (status.Tables.Count > 0)
        {
            Family(text, "appliance_stick_table_entries", "gauge", "Live entries of a replicated stick table.");
            foreach (var table in status.Tables)
            {
                Sample(text, "appliance_stick_table_entries", $"table=\"{Escape(table.Table)}\"", table.Entries);
            }
        }

        if (status.Peers.Count == 0)
        {
            return;
        }

        Family(text, "appliance_sync_peer_up", "gauge", "1 while the replication stream to or from the peer is open, else 0.");
        foreach (var peer in status.Peers)
        {
            Sample(text, "appliance_sync_peer_up", PeerLabel(peer), peer.State == PeerConnectionState.Streaming ? 1 : 0);
        }

        Family(text, "appliance_sync_unacknowledged", "gauge", "Changes sent to the peer and not yet acknowledged.");
        foreach (var peer in status.Peers)
        {
            Sample(text, "appliance_sync_unacknowledged", PeerLabel(peer), peer.Unacknowledged);
        }

        Family(text, "appliance_sync_lag_seconds", "gauge", "Replication lag (local change to the peer's acknowledgement) over the sync window.");
        foreach (var peer in status.Peers)
        {
            Quantile(text, peer, "0.5", peer.LagP50);
            Quantile(text, peer, "0.99", peer.LagP99);
        }

        Family(text, "appliance_sync_snapshots_sent_total", "counter", "Full snapshots sent to the peer.");
        foreach (var peer in status.Peers)
        {
            Sample(text, "appliance_sync_snapshots_sent_total", PeerLabel(peer), peer.SnapshotsSent);
        }
    }

    private static void Quantile(StringBuilder text, PeerSyncStatus peer, string quantile, TimeSpan? lag)
    {
        if (lag is { } value)
        {
            text.Append("appliance_sync_lag_seconds{").Append(PeerLabel(peer)).Append(",quantile=\"").Append(quantile).Append("\"} ")
                .Append(value.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    /// <summary>The peer's name and where it came from (a discovered peer can share nothing else with a configured one).</summary>
    private static string PeerLabel(PeerSyncStatus peer) =>
        $"peer=\"{Escape(peer.Name)}\",source=\"{(peer.Source == PeerSource.Discovered ? "discovered" : "configured")}\"";

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string? labels, long value)
    {
        text.Append(name);
        if (labels is not null)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    // Exposition format 0.0.4: label values escape backslash, double quote and newline.
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
