namespace Appliance.HaAgent.Sync.Status;

/// <summary>The configuration one node runs.</summary>
/// <param name="Node">The node.</param>
/// <param name="Version">Its version.</param>
/// <param name="Sha256">SHA-256 of its shared text, lower-case hex.</param>
public sealed record NodeConfigVersion(string Node, long Version, string Sha256);
