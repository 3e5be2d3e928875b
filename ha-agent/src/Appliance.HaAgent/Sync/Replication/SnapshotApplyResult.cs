namespace Appliance.HaAgent.Sync.Replication;

/// <summary>What applying a snapshot did.</summary>
/// <param name="Entries">Stick entries the snapshot carried.</param>
/// <param name="Stored">Entries stored here.</param>
/// <param name="Removed">Local entries removed (only in <see cref="SnapshotMode.Replace"/>).</param>
/// <param name="Servers">Server states applied.</param>
/// <param name="Problems">What could not be applied (unknown tables, bad keys, unknown servers), one line each, capped.</param>
public sealed record SnapshotApplyResult(long Entries, long Stored, long Removed, long Servers, IReadOnlyList<string> Problems);
