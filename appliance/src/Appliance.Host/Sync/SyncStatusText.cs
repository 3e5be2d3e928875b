using System.Globalization;
using System.Text;
using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Status;

namespace Appliance.Host.Sync;

/// <summary>The text of <c>appliance sync status</c> and the sync lines of <c>appliance status</c>; pure.</summary>
internal static class SyncStatusText
{
    /// <summary>12 hex digits of a configuration hash, as <c>config history</c> shows them.</summary>
    private const int HashPrefix = 12;

    /// <summary>
    /// The cluster view: this node (role, epoch, tables), its stream to each peer (state, acked, unacked, lag p50/p99),
    /// the stream it applies while backup, every node's own report (role, epoch, applied, lag, config version) and drift.
    /// </summary>
    public static string Format(ClusterSyncStatus cluster)
    {
        var local = cluster.Local;
        var text = new StringBuilder();
        text.AppendLine(Invariant($"node: {local.Node}  role: {Role(local.Role)}  epoch: {local.Epoch}  head: {local.HeadSequence}  pending: {local.PendingChanges}  established: {(local.Established ? "yes" : "no")}  initial sync: {local.InitialSync}"));
        text.AppendLine(Invariant($"config: {Version(local.Config)}"));
        text.AppendLine(Invariant($"tables: {Tables(local.Tables)}"));
        if (local.QueueOverflows > 0)
        {
            text.AppendLine(Invariant($"queue overflows: {local.QueueOverflows} (each sent every peer a snapshot)"));
        }

        text.AppendLine();
        text.AppendLine("PEER          SOURCE      ADDRESS                STATE         ACKED     UNACKED  LAG P50   LAG P99   RECONNECTS  CONFIG          LAST ERROR");
        foreach (var peer in local.Peers)
        {
            text.AppendLine(Invariant(
                $"{peer.Name,-13} {Source(peer.Source),-11} {peer.EndPoint,-22} {peer.State,-13} {peer.AckedSequence,-9} {peer.Unacknowledged,-8} {Lag(peer.LagP50),-9} {Lag(peer.LagP99),-9} {peer.Reconnects,-11} {Version(peer.Config),-15} {peer.LastError ?? "-"}"));
        }

        if (local.Peers.Count == 0)
        {
            text.AppendLine("(none yet)");
        }

        if (local.Upstream is { } up)
        {
            var source = local.Peers.FirstOrDefault(p => p.Name == up.Master) is { } master ? $" ({Source(master.Source)})" : string.Empty;
            text.AppendLine();
            text.AppendLine(Invariant(
                $"upstream: master {up.Master}{source} epoch {up.Epoch}, applied {up.AppliedSequence} of {up.MasterSequence}, {(up.Connected ? "connected" : "disconnected")}, snapshots {up.SnapshotsApplied} ({up.SnapshotsMergedOnly} merged only)"));
        }

        text.AppendLine();
        text.AppendLine("NODE          REACHABLE  ROLE        EPOCH   APPLIED   LAG       CONFIG");
        foreach (var node in cluster.Nodes)
        {
            text.AppendLine(node.Reachable
                ? Invariant($"{node.Node,-13} {"yes",-10} {Role(node.Role),-11} {node.Epoch,-7} {node.AppliedSequence,-9} {Lag(node.Lag),-9} {Version(node.Config)}")
                : Invariant($"{node.Node,-13} {"no",-10} {node.Error}"));
        }

        text.AppendLine();
        text.Append(cluster.Drift.Count == 0
            ? "drift: none (every reachable node runs the same configuration)"
            : "drift: " + string.Join("; ", cluster.Drift.Select(d => Invariant($"{d.Node} runs v{d.Version} ({Hash(d.Sha256)})"))));
        return text.ToString();
    }

    /// <summary>
    /// The sync lines of <c>appliance status</c>: node, epoch, peers streaming, unacknowledged, worst lag, config version,
    /// drift, then one line per peer with where it came from (configured or discovered), its address and stream state.
    /// </summary>
    public static string Summary(SyncStatus status)
    {
        var streaming = status.Peers.Count(p => p.State == PeerConnectionState.Streaming);
        var unacked = status.Peers.Sum(p => p.Unacknowledged);
        var p99 = status.Peers.Select(p => p.LagP99).Where(l => l is not null).DefaultIfEmpty(null).Max();
        var lagLine = status.Upstream is { } up
            ? Invariant($"applying {up.Master}'s stream: {up.AppliedSequence} of {up.MasterSequence}")
            : Invariant($"lag p99 {Lag(p99)}");
        var text = new StringBuilder(Invariant($"""
            sync: node {status.Node}, epoch {status.Epoch}, peers {streaming}/{status.Peers.Count} streaming, unacked {unacked}, {lagLine}
            sync config: {Version(status.Config)}{(status.Drift.Count == 0 ? string.Empty : "; drift: " + string.Join(", ", status.Drift.Select(d => Invariant($"{d.Node} v{d.Version}"))))}
            """));
        foreach (var peer in status.Peers)
        {
            var upstream = status.Upstream is { Connected: true } applied && applied.Master == peer.Name ? ", master streaming to this node" : string.Empty;
            text.AppendLine();
            text.Append(Invariant($"  sync peer {peer.Name} {Source(peer.Source)} {peer.EndPoint} {peer.State}{upstream}"));
        }

        return text.ToString();
    }

    private static string Source(PeerSource source) => source == PeerSource.Discovered ? "discovered" : "configured";

    private static string Role(Appliance.Contracts.HaRole? role) => role?.ToString().ToUpperInvariant() ?? "-";

    private static string Version(RunningConfig? config) => config is null ? "-" : Invariant($"v{config.Version} {Hash(config.Sha256)}");

    private static string Version(NodeConfigVersion? config) => config is null ? "-" : Invariant($"v{config.Version} {Hash(config.Sha256)}");

    private static string Hash(string sha256) => sha256.Length > HashPrefix ? sha256[..HashPrefix] : sha256;

    private static string Tables(IReadOnlyList<TableSize> tables) =>
        tables.Count == 0 ? "none replicated" : string.Join(", ", tables.Select(t => Invariant($"{t.Table} {t.Entries}")));

    /// <summary>"-" without samples, else milliseconds with one decimal below 10 ms.</summary>
    private static string Lag(TimeSpan? lag) => lag switch
    {
        null => "-",
        { TotalMilliseconds: < 10 } l => Invariant($"{l.TotalMilliseconds:0.0}ms"),
        { } l => Invariant($"{l.TotalMilliseconds:0}ms"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
