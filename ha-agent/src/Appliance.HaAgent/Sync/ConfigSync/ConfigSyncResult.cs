namespace Appliance.HaAgent.Sync.ConfigSync;

/// <summary>How a configuration proposal ended.</summary>
/// <param name="Committed">True when every node accepted and committed it.</param>
/// <param name="Version">The version it was proposed as (0 when no version could be chosen).</param>
/// <param name="Nodes">Every node's outcome, this node first.</param>
/// <param name="Error">When not committed: one line per node that refused or failed, naming it and why; null when committed.</param>
public sealed record ConfigSyncResult(bool Committed, long Version, IReadOnlyList<ConfigNodeOutcome> Nodes, string? Error);
