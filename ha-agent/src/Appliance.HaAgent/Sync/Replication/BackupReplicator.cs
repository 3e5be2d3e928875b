using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Status;
using Proto = Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Sync.Replication;

/// <summary>
/// The backup's side of replication, pure (no IO): accepts or refuses a master's stream by epoch, assembles and
/// applies snapshots (replace when authoritative, merge otherwise), applies numbered deltas in order, asks for a
/// snapshot on a gap, and builds the acks. One stream is current at a time: a newer master's hello supersedes the
/// older stream, whose further messages are refused. Thread-safe.
/// </summary>
public sealed class BackupReplicator
{
    private readonly object _gate = new();
    private readonly string _self;
    private readonly IStickTableReplica? _tables;
    private readonly IServerHealthReplica? _health;
    private readonly EpochState _epochs;
    private readonly Func<RunningConfig?> _runningConfig;
    private readonly TimeProvider _time;
    private readonly List<Proto.SnapshotChunk> _chunks = [];
    private int _streamId;
    private int _lastStreamId;
    private string _master = string.Empty;
    private long _epoch;
    private long _applied;
    private long _masterHead;
    private bool _hasBase;
    private bool _snapshotRequested;
    private long? _behindSince;
    private long _snapshotsApplied;
    private long _snapshotsMerged;
    private DateTimeOffset _lastMessage;
    private bool _connected;
    private string? _problem;

    /// <summary>The backup side of node <paramref name="self"/>.</summary>
    public BackupReplicator(
        string self, IStickTableReplica? tables, IServerHealthReplica? health, EpochState epochs, Func<RunningConfig?> runningConfig, TimeProvider time)
    {
        _self = self;
        _tables = tables;
        _health = health;
        _epochs = epochs;
        _runningConfig = runningConfig;
        _time = time;
    }

    /// <summary>Raised (outside any lock) after a master's snapshot was applied.</summary>
    public event Action<SnapshotApplyResult, bool>? SnapshotApplied;

    /// <summary>The last sequence applied of the current (or last) master's stream.</summary>
    public long AppliedSequence
    {
        get
        {
            lock (_gate)
            {
                return _applied;
            }
        }
    }

    /// <summary>The last problem reported to a master (an unknown table, a kept local state); null when none.</summary>
    public string? LastProblem
    {
        get
        {
            lock (_gate)
            {
                return _problem;
            }
        }
    }

    /// <summary>How long this node has been behind the master's last known head; zero when level, null without a master.</summary>
    public TimeSpan? Lag
    {
        get
        {
            lock (_gate)
            {
                if (_master.Length == 0)
                {
                    return null;
                }

                return _behindSince is { } since ? _time.GetElapsedTime(since) : TimeSpan.Zero;
            }
        }
    }

    /// <summary>The master stream's state; null when no master ever streamed here.</summary>
    public UpstreamStatus? Status
    {
        get
        {
            lock (_gate)
            {
                return _master.Length == 0
                    ? null
                    : new UpstreamStatus(_master, _epoch, _applied, _masterHead, _snapshotsApplied, _snapshotsMerged, _lastMessage, _connected);
            }
        }
    }

    /// <summary>
    /// A master opens a stream. Refused while this node is master itself or when the stream's (epoch, node) orders
    /// below the one accepted last; otherwise it becomes the current stream. It resumes (no snapshot) only when it is
    /// the same master and epoch as before and this node holds a base (a snapshot or a resumed stream) up to a
    /// sequence the master still has.
    /// </summary>
    public HelloResult OnHello(Proto.Hello hello, bool selfIsMaster)
    {
        var epoch = (long)hello.Epoch;
        lock (_gate)
        {
            string? refusal = null;
            if (selfIsMaster)
            {
                refusal = $"{_self} is master itself";
            }
            else if (!_epochs.TryAccept(epoch, hello.Node, out refusal))
            {
                // refusal set
            }

            if (refusal is not null)
            {
                return new HelloResult(0, BuildAck(problem: refusal, epoch: Math.Max(_epochs.Highest, _epochs.Own)), refusal);
            }

            var resume = _hasBase && hello.Node == _master && epoch == _epoch && (long)hello.HeadSequence >= _applied;
            _streamId = ++_lastStreamId;
            _master = hello.Node;
            _epoch = epoch;
            _masterHead = (long)hello.HeadSequence;
            _connected = true;
            _lastMessage = _time.GetUtcNow();
            _chunks.Clear();
            if (!resume)
            {
                _applied = 0;
                _hasBase = false;
            }

            _snapshotRequested = !resume;
            UpdateBehind();
            return new HelloResult(_streamId, BuildAck(needSnapshot: !resume), null);
        }
    }

    /// <summary>
    /// A message on stream <paramref name="streamId"/>: returns the ack to send (for a snapshot chunk that is not the
    /// last, a plain ack of what is applied so far: it tells the master the peer is alive during a long snapshot).
    /// </summary>
    /// <exception cref="InvalidOperationException">When the stream is no longer current (a newer master took over).</exception>
    public Proto.ReplicationAck? OnMessage(int streamId, Proto.ReplicationMessage message)
    {
        (SnapshotApplyResult Result, bool Authoritative)? applied = null;
        Proto.ReplicationAck? ack;
        lock (_gate)
        {
            if (streamId != _streamId)
            {
                throw new InvalidOperationException($"the stream of {_master} epoch {_epoch} superseded this one");
            }

            _lastMessage = _time.GetUtcNow();
            switch (message.BodyCase)
            {
                case Proto.ReplicationMessage.BodyOneofCase.Snapshot:
                    ack = OnChunk(message.Snapshot, out applied);
                    break;
                case Proto.ReplicationMessage.BodyOneofCase.Deltas:
                    ack = OnDeltas(message.Deltas);
                    break;
                case Proto.ReplicationMessage.BodyOneofCase.Heartbeat:
                    _masterHead = Math.Max(_masterHead, (long)message.Heartbeat.HeadSequence);
                    ack = _hasBase && _masterHead > _applied ? Gap() : BuildAck(needSnapshot: RequestSnapshotOnce());
                    break;
                default:
                    ack = BuildAck(problem: $"unexpected {message.BodyCase} on an open stream");
                    break;
            }

            UpdateBehind();
        }

        if (applied is { } a)
        {
            SnapshotApplied?.Invoke(a.Result, a.Authoritative);
        }

        return ack;
    }

    /// <summary>Stream <paramref name="streamId"/> ended.</summary>
    public void OnStreamEnded(int streamId)
    {
        lock (_gate)
        {
            if (streamId == _streamId)
            {
                _connected = false;
                _chunks.Clear();
            }
        }
    }

    private Proto.ReplicationAck OnChunk(Proto.SnapshotChunk chunk, out (SnapshotApplyResult, bool)? applied)
    {
        applied = null;
        if (_chunks.Count > 0 && _chunks[0].Sequence != chunk.Sequence)
        {
            _chunks.Clear();
        }

        _chunks.Add(chunk);
        if (!chunk.Last)
        {
            return BuildAck();
        }

        var authoritative = chunk.Authoritative;
        var entries = _chunks.Sum(c => c.Tables.Sum(t => (long)t.Entries.Count));
        var local = SnapshotApplier.CountEntries(_tables);
        var result = SnapshotApplier.Apply(_chunks, authoritative ? SnapshotMode.Replace : SnapshotMode.Merge, _tables, _health);
        _chunks.Clear();
        _applied = (long)chunk.Sequence;
        _masterHead = Math.Max(_masterHead, _applied);
        _hasBase = true;
        _snapshotRequested = false;
        _snapshotsApplied++;
        if (!authoritative)
        {
            _snapshotsMerged++;
        }

        applied = (result, authoritative);
        var problem = !authoritative && entries == 0 && local > 0
            ? $"kept {local} local entries: the snapshot of {_master} is empty and not authoritative"
            : Summarise(result.Problems);
        return BuildAck(problem: problem);
    }

    private Proto.ReplicationAck OnDeltas(Proto.DeltaBatch batch)
    {
        var first = (long)batch.FirstSequence;
        var last = first + batch.Changes.Count - 1;
        _masterHead = Math.Max(_masterHead, last);
        if (!_hasBase)
        {
            return BuildAck(needSnapshot: RequestSnapshotOnce());
        }

        if (first > _applied + 1)
        {
            return Gap();
        }

        List<string>? problems = null;
        for (var i = 0; i < batch.Changes.Count; i++)
        {
            var sequence = first + i;
            if (sequence <= _applied)
            {
                continue;
            }

            if (Apply(batch.Changes[i]) is { } problem)
            {
                (problems ??= []).Add($"#{sequence}: {problem}");
            }

            _applied = sequence;
        }

        return BuildAck(problem: problems is null ? null : Summarise(problems));
    }

    private string? Apply(Proto.Change change)
    {
        switch (change.KindCase)
        {
            case Proto.Change.KindOneofCase.Stored:
                if (!ProtoMapping.TryFromProto(change.Stored.Table, change.Stored.Entry ?? new Proto.StickEntry(), out var entry, out var error))
                {
                    return error;
                }

                return _tables is null || _tables.Apply(entry) ? null : $"table '{entry.Table}' is unknown here or has another key type";
            case Proto.Change.KindOneofCase.Removed:
                if (change.Removed.Key is null || !ProtoMapping.TryFromProto(change.Removed.Key, out var key, out error))
                {
                    return "removal without a valid key";
                }

                return _tables is null || _tables.Remove(change.Removed.Table, key) ? null : $"table '{change.Removed.Table}' is unknown here";
            case Proto.Change.KindOneofCase.Health:
                if (!ProtoMapping.TryFromProto(change.Health, out var health, out error))
                {
                    return error;
                }

                return _health is null || _health.Apply(health!) ? null : $"server {health!.Backend}/{health.Server} is unknown here";
            default:
                return $"unknown change {change.KindCase}";
        }
    }

    private Proto.ReplicationAck Gap()
    {
        _hasBase = false;
        return BuildAck(needSnapshot: RequestSnapshotOnce());
    }

    private bool RequestSnapshotOnce()
    {
        if (_hasBase || _snapshotRequested)
        {
            return false;
        }

        _snapshotRequested = true;
        return true;
    }

    private void UpdateBehind()
    {
        if (_masterHead > _applied)
        {
            _behindSince ??= _time.GetTimestamp();
        }
        else
        {
            _behindSince = null;
        }
    }

    private Proto.ReplicationAck BuildAck(bool needSnapshot = false, string? problem = null, long? epoch = null)
    {
        if (problem is not null)
        {
            _problem = problem;
        }

        return new Proto.ReplicationAck
        {
            Node = _self,
            Epoch = (ulong)(epoch ?? _epoch),
            AppliedSequence = (ulong)_applied,
            NeedSnapshot = needSnapshot,
            Config = ProtoMapping.ToProto(_runningConfig()),
            Problem = problem ?? string.Empty,
        };
    }

    private static string? Summarise(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? null : problems.Count <= 3 ? string.Join("; ", problems) : $"{string.Join("; ", problems.Take(3))}; and {problems.Count - 3} more";
}
