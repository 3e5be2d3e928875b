using System.Net;
using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Status;

namespace Appliance.HaAgent.Sync.Replication;

/// <summary>
/// The master's bookkeeping for one peer's stream, pure: what was sent, what was acknowledged, whether the peer
/// needs a snapshot, and the lag samples (time from a local change to the peer's ack, for changes sent as deltas:
/// a snapshot's ack says nothing about how fast a change travels). Thread-safe: the stream loop, the ack reader
/// and status readers share it.
/// </summary>
public sealed class PeerReplicationState
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private PeerConnectionState _state = PeerConnectionState.Idle;
    private long _sent;
    private long _acked;
    private long _snapshotSequence;
    private bool _needsSnapshot = true;
    private bool _streamOpen;
    private long _snapshotsSent;
    private long _reconnects;
    private string? _lastError;
    private DateTimeOffset? _lastAck;
    private long _lastAckTimestamp;
    private RunningConfig? _config;

    /// <summary>State for the peer <paramref name="name"/> at <paramref name="endPoint"/>.</summary>
    public PeerReplicationState(string name, IPEndPoint endPoint, TimeSpan lagWindow, TimeProvider time)
    {
        Name = name;
        EndPoint = endPoint;
        _time = time;
        Lag = new LagWindow(lagWindow, time);
    }

    /// <summary>The peer's name.</summary>
    public string Name { get; }

    /// <summary>The peer's sync address.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Lag samples.</summary>
    public LagWindow Lag { get; }

    /// <summary>True while the peer needs a snapshot before any delta.</summary>
    public bool NeedsSnapshot
    {
        get
        {
            lock (_gate)
            {
                return _needsSnapshot;
            }
        }
    }

    /// <summary>The last sequence sent on the current stream.</summary>
    public long Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent;
            }
        }
    }

    /// <summary>The last sequence the peer acknowledged on the current stream.</summary>
    public long Acked
    {
        get
        {
            lock (_gate)
            {
                return _acked;
            }
        }
    }

    /// <summary>True while a stream to the peer is open and past its hello.</summary>
    public bool IsStreaming
    {
        get
        {
            lock (_gate)
            {
                return _streamOpen;
            }
        }
    }

    /// <summary>The timestamp of the last ack (or of the stream's start), for the stall check.</summary>
    public long LastAckTimestamp
    {
        get
        {
            lock (_gate)
            {
                return _lastAckTimestamp;
            }
        }
    }

    /// <summary>The configuration the peer last reported; null when not known.</summary>
    public RunningConfig? Config
    {
        get
        {
            lock (_gate)
            {
                return _config;
            }
        }
    }

    /// <summary>A new stream is being dialled.</summary>
    public void Connecting()
    {
        lock (_gate)
        {
            _state = PeerConnectionState.Connecting;
            _streamOpen = false;
        }
    }

    /// <summary>
    /// The peer answered the hello: it has applied <paramref name="applied"/> of this master's changes (non-zero only
    /// when it resumes a stream of the same epoch), or asks for a snapshot. Resumes when the log still holds every
    /// change after <paramref name="applied"/>; otherwise the peer gets a snapshot.
    /// </summary>
    public void Opened(long applied, bool needSnapshot, RunningConfig? config, ReplicationLog log)
    {
        lock (_gate)
        {
            _streamOpen = true;
            _lastAckTimestamp = _time.GetTimestamp();
            _lastAck = _time.GetUtcNow();
            _config = config ?? _config;
            var head = log.Head;
            _needsSnapshot = needSnapshot || applied > head || applied + 1 < log.Oldest;
            _sent = _needsSnapshot ? 0 : applied;
            _acked = _sent;
            _snapshotSequence = _sent;
            _state = _needsSnapshot ? PeerConnectionState.Snapshotting : PeerConnectionState.Streaming;
        }
    }

    /// <summary>Forces a snapshot before the next delta (the change queue overflowed, or the log no longer holds the peer's next change).</summary>
    public void RequireSnapshot()
    {
        lock (_gate)
        {
            _needsSnapshot = true;
        }
    }

    /// <summary>
    /// A snapshot consistent with <paramref name="sequence"/> is about to be sent: counted as sent before the write so
    /// an ack that overtakes the bookkeeping is not lost.
    /// </summary>
    public void SnapshotStarted(long sequence)
    {
        lock (_gate)
        {
            _needsSnapshot = false;
            _sent = sequence;
            _snapshotSequence = sequence;
            _state = PeerConnectionState.Snapshotting;
        }
    }

    /// <summary>The snapshot's last chunk was written.</summary>
    public void SnapshotSent()
    {
        lock (_gate)
        {
            _snapshotsSent++;
            _state = PeerConnectionState.Streaming;

            // Applying a large snapshot takes the peer a while before its ack: the stall clock starts now.
            _lastAckTimestamp = _time.GetTimestamp();
        }
    }

    /// <summary>Deltas up to <paramref name="lastSequence"/> are about to be written (counted first, as for snapshots).</summary>
    public void DeltasSent(long lastSequence)
    {
        lock (_gate)
        {
            _sent = Math.Max(_sent, lastSequence);
        }
    }

    /// <summary>
    /// The peer acknowledged everything up to <paramref name="applied"/>: records one lag sample per newly acknowledged
    /// change that was sent as a delta and is still in <paramref name="log"/>.
    /// </summary>
    public void Acknowledged(long applied, bool needSnapshot, RunningConfig? config, ReplicationLog log)
    {
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            _lastAckTimestamp = now;
            _lastAck = _time.GetUtcNow();
            _config = config ?? _config;
            if (needSnapshot)
            {
                _needsSnapshot = true;
            }

            var upTo = Math.Min(applied, _sent);
            for (var sequence = Math.Max(_acked, _snapshotSequence) + 1; sequence <= upTo; sequence++)
            {
                if (log.TimestampOf(sequence) is { } reported)
                {
                    Lag.Add(reported, now);
                }
            }

            _acked = Math.Max(_acked, upTo);
        }
    }

    /// <summary>The stream ended (or was refused) with <paramref name="error"/>.</summary>
    public void Closed(string error, bool refused)
    {
        lock (_gate)
        {
            _streamOpen = false;
            _needsSnapshot = true;
            _reconnects++;
            _lastError = error;
            _state = refused ? PeerConnectionState.Refused : PeerConnectionState.Connecting;
        }
    }

    /// <summary>This node stopped being master: no stream.</summary>
    public void Idle()
    {
        lock (_gate)
        {
            _streamOpen = false;
            _needsSnapshot = true;
            _state = PeerConnectionState.Idle;
        }
    }

    /// <summary>Records what the peer runs (from a status call or a config phase).</summary>
    public void ReportedConfig(RunningConfig config)
    {
        lock (_gate)
        {
            _config = config;
        }
    }

    /// <summary>True when the peer's stream is open and it has acknowledged everything up to <paramref name="head"/>.</summary>
    public bool IsCaughtUp(long head)
    {
        lock (_gate)
        {
            return _streamOpen && !_needsSnapshot && _acked >= head;
        }
    }

    /// <summary>The peer's line in <see cref="SyncStatus"/>; <paramref name="head"/> is the log's head now.</summary>
    public PeerSyncStatus ToStatus(long head)
    {
        var p50 = Lag.Percentile(50);
        var p99 = Lag.Percentile(99);
        lock (_gate)
        {
            var unacked = _streamOpen ? Math.Max(0, head - _acked) : 0;
            return new PeerSyncStatus(
                Name, EndPoint, _state, _sent, _acked, unacked, p50, p99, _snapshotsSent, _reconnects, _lastError, _lastAck, _config);
        }
    }
}
