namespace Appliance.Contracts.Replication;

/// <summary>The configuration a node runs.</summary>
/// <param name="Version">Its version (0 before any synced change).</param>
/// <param name="Sha256">SHA-256 of its shared text, lower-case hex.</param>
public sealed record RunningConfig(long Version, string Sha256);
