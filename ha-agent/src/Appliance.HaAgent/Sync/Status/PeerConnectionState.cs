namespace Appliance.HaAgent.Sync.Status;

/// <summary>The state of this node's outgoing replication stream to one peer.</summary>
public enum PeerConnectionState
{
    /// <summary>No stream: this node is not master, or it has not started.</summary>
    Idle,

    /// <summary>Dialling (or waiting to redial after a failure).</summary>
    Connecting,

    /// <summary>Sending a snapshot.</summary>
    Snapshotting,

    /// <summary>Streaming deltas.</summary>
    Streaming,

    /// <summary>The peer refused the stream (an older epoch, or it is master itself); retried with backoff.</summary>
    Refused,
}
