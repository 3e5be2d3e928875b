namespace Appliance.HaAgent.Sync.Status;

/// <summary>Every node's own report, gathered by one node (<c>appliance sync status</c>).</summary>
/// <param name="Local">This node's status.</param>
/// <param name="Nodes">One line per node, this one first, then each configured peer.</param>
/// <param name="Drift">The nodes whose configuration differs from the highest version reported; empty when all agree.</param>
public sealed record ClusterSyncStatus(SyncStatus Local, IReadOnlyList<NodeReport> Nodes, IReadOnlyList<NodeConfigVersion> Drift);
