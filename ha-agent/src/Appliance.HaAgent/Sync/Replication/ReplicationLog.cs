namespace Appliance.HaAgent.Sync.Replication;

/// <summary>
/// The master's recent changes, numbered from 1 without gaps: a ring of the last <c>capacity</c> changes that every
/// peer's stream reads from its own position. A peer whose next change has left the ring (it is more than
/// <c>capacity</c> behind) gets a snapshot instead: memory stays bounded whatever a peer does. Thread-safe.
/// </summary>
public sealed class ReplicationLog
{
    private readonly object _gate = new();
    private readonly SequencedChange[] _ring;
    private long _head;

    /// <summary>A log holding at most <paramref name="capacity"/> changes.</summary>
    public ReplicationLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new SequencedChange[capacity];
    }

    /// <summary>The last sequence given (0: none yet).</summary>
    public long Head
    {
        get
        {
            lock (_gate)
            {
                return _head;
            }
        }
    }

    /// <summary>The oldest sequence still held (Head + 1 when empty).</summary>
    public long Oldest
    {
        get
        {
            lock (_gate)
            {
                return OldestLocked();
            }
        }
    }

    /// <summary>Numbers <paramref name="change"/> and keeps it; returns its sequence.</summary>
    public long Append(in LocalChange change)
    {
        lock (_gate)
        {
            var sequence = ++_head;
            _ring[(int)(sequence % _ring.Length)] = new SequencedChange(sequence, change);
            return sequence;
        }
    }

    /// <summary>
    /// Copies up to <paramref name="max"/> changes after <paramref name="after"/> into <paramref name="into"/> (cleared
    /// first). False when the first of them has left the ring: the reader needs a snapshot.
    /// </summary>
    public bool TryRead(long after, int max, List<SequencedChange> into)
    {
        into.Clear();
        lock (_gate)
        {
            if (after >= _head)
            {
                return true;
            }

            if (after + 1 < OldestLocked())
            {
                return false;
            }

            for (var sequence = after + 1; sequence <= _head && into.Count < max; sequence++)
            {
                into.Add(_ring[(int)(sequence % _ring.Length)]);
            }

            return true;
        }
    }

    /// <summary>When the change of <paramref name="sequence"/> was reported; null when it is no longer (or not yet) held.</summary>
    public long? TimestampOf(long sequence)
    {
        lock (_gate)
        {
            if (sequence < OldestLocked() || sequence > _head)
            {
                return null;
            }

            return _ring[(int)(sequence % _ring.Length)].Change.Timestamp;
        }
    }

    private long OldestLocked() => Math.Max(1, _head - _ring.Length + 1);
}
