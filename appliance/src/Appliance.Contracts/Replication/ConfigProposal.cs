namespace Appliance.Contracts.Replication;

/// <summary>
/// A configuration offered to every node (phase one of the two-phase commit). <paramref name="SharedText"/> is the
/// file without its node-local part (the <c>ha</c> section): each node combines it with its own node-local part.
/// </summary>
/// <param name="Version">The version every node will run it as: one more than the highest any node runs.</param>
/// <param name="SharedText">The shared configuration text.</param>
/// <param name="Sha256">SHA-256 of <paramref name="SharedText"/> (UTF-8), lower-case hex.</param>
/// <param name="Origin">The node where the change was made.</param>
public sealed record ConfigProposal(long Version, string SharedText, string Sha256, string Origin);
