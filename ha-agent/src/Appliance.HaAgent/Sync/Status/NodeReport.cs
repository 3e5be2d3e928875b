using Appliance.Contracts;

namespace Appliance.HaAgent.Sync.Status;

/// <summary>A node's own report of its sync state (the GetStatus call), or why it could not be had.</summary>
/// <param name="Node">The node.</param>
/// <param name="Reachable">False when the call failed; <see cref="Error"/> says why.</param>
/// <param name="Role">Its role; null when unreachable.</param>
/// <param name="Epoch">Its epoch.</param>
/// <param name="AppliedSequence">The sequence it applied of its master's stream (its head while master).</param>
/// <param name="Lag">Its distance behind its master by the master's last heartbeat; null when not known.</param>
/// <param name="Config">Its running configuration; null when unknown.</param>
/// <param name="Tables">Its replicated tables' sizes.</param>
/// <param name="Error">Why it could not be asked; null when reachable.</param>
public sealed record NodeReport(
    string Node,
    bool Reachable,
    HaRole? Role,
    long Epoch,
    long AppliedSequence,
    TimeSpan? Lag,
    NodeConfigVersion? Config,
    IReadOnlyList<TableSize> Tables,
    string? Error);
