using System.Net;
using Appliance.Contracts.Replication;

namespace Appliance.HaAgent.Sync.Status;

/// <summary>One peer as this node sees it. The sequence and lag fields describe this node's stream to it (master side).</summary>
/// <param name="Name">The peer's name.</param>
/// <param name="EndPoint">Its sync address.</param>
/// <param name="State">The outgoing stream's state.</param>
/// <param name="LastSentSequence">The last sequence sent to it on the current stream (0: none).</param>
/// <param name="AckedSequence">The last sequence it acknowledged (0: none).</param>
/// <param name="Unacknowledged">Changes sent or due that it has not acknowledged yet.</param>
/// <param name="LagP50">Median time from a local change to the peer's ack, over the lag window; null without samples.</param>
/// <param name="LagP99">99th percentile of the same; null without samples.</param>
/// <param name="SnapshotsSent">Snapshots sent to it since start.</param>
/// <param name="Reconnects">Streams to it that ended and were redialled since start.</param>
/// <param name="LastError">Why the last stream ended or was refused; null when none.</param>
/// <param name="LastAck">When its last ack arrived; null when never.</param>
/// <param name="Config">The configuration it reported running (acks, status calls); null when not known.</param>
/// <param name="Source">A <c>sync_peer</c> line or discovery; default <see cref="PeerSource.Configured"/>.</param>
public sealed record PeerSyncStatus(
    string Name,
    IPEndPoint EndPoint,
    PeerConnectionState State,
    long LastSentSequence,
    long AckedSequence,
    long Unacknowledged,
    TimeSpan? LagP50,
    TimeSpan? LagP99,
    long SnapshotsSent,
    long Reconnects,
    string? LastError,
    DateTimeOffset? LastAck,
    RunningConfig? Config,
    PeerSource Source = PeerSource.Configured);
