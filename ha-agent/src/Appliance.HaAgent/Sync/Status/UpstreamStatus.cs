namespace Appliance.HaAgent.Sync.Status;

/// <summary>The master stream a backup applies.</summary>
/// <param name="Master">The master's node name.</param>
/// <param name="Epoch">Its epoch.</param>
/// <param name="AppliedSequence">The last sequence applied here.</param>
/// <param name="MasterSequence">The master's last sequence by its latest message.</param>
/// <param name="SnapshotsApplied">Snapshots applied from masters since start.</param>
/// <param name="SnapshotsMergedOnly">Snapshots applied as a merge only (not authoritative, nothing removed here) since start.</param>
/// <param name="LastMessage">When the last message arrived.</param>
/// <param name="Connected">True while the stream is open.</param>
public sealed record UpstreamStatus(
    string Master,
    long Epoch,
    long AppliedSequence,
    long MasterSequence,
    long SnapshotsApplied,
    long SnapshotsMergedOnly,
    DateTimeOffset LastMessage,
    bool Connected);
