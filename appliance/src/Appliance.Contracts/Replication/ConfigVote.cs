namespace Appliance.Contracts.Replication;

/// <summary>A node's answer to a <see cref="ConfigProposal"/>.</summary>
/// <param name="Node">The node that answered.</param>
/// <param name="Accepted">True when the configuration validated there and is staged for commit.</param>
/// <param name="Errors">The diagnostics when refused (FILE:LINE: error: ...), one per line; empty when accepted.</param>
public sealed record ConfigVote(string Node, bool Accepted, IReadOnlyList<string> Errors);
