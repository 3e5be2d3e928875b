namespace Appliance.HaAgent.Sync.ConfigSync;

/// <summary>One node's part in a configuration proposal.</summary>
/// <param name="Node">The node.</param>
/// <param name="Accepted">True when it validated and staged the proposal.</param>
/// <param name="Committed">True when it confirmed the commit.</param>
/// <param name="Errors">Its diagnostics when it refused (FILE:LINE: error: ...).</param>
/// <param name="Failure">Why it could not take part (unreachable, deadline, commit failed); null when it answered.</param>
public sealed record ConfigNodeOutcome(string Node, bool Accepted, bool Committed, IReadOnlyList<string> Errors, string? Failure);
