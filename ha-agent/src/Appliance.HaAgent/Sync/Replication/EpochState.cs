namespace Appliance.HaAgent.Sync.Replication;

/// <summary>
/// Master epochs, pure: every node remembers the highest (epoch, node) it accepted a stream of; a node that becomes
/// master takes an epoch one above the highest it has seen anywhere. Streams are ordered by (epoch, node name
/// ordinal): a stream that orders below the accepted one is refused. Thread-safe.
/// </summary>
public sealed class EpochState
{
    private readonly object _gate = new();
    private readonly Action<long>? _persist;
    private long _acceptedEpoch;
    private string _acceptedNode = string.Empty;
    private long _seen;
    private long _own;

    /// <summary>Starts from <paramref name="persisted"/> (0 when none); <paramref name="persist"/> is told every new highest epoch.</summary>
    public EpochState(long persisted = 0, Action<long>? persist = null)
    {
        _seen = persisted;
        _persist = persist;
    }

    /// <summary>This node's epoch while master; 0 otherwise.</summary>
    public long Own
    {
        get
        {
            lock (_gate)
            {
                return _own;
            }
        }
    }

    /// <summary>The highest epoch seen anywhere (own, accepted, or reported by a peer).</summary>
    public long Highest
    {
        get
        {
            lock (_gate)
            {
                return _seen;
            }
        }
    }

    /// <summary>The epoch and master of the stream accepted last (0 and empty when none).</summary>
    public (long Epoch, string Node) Accepted
    {
        get
        {
            lock (_gate)
            {
                return (_acceptedEpoch, _acceptedNode);
            }
        }
    }

    /// <summary>Takes a new epoch above every one seen; returns it.</summary>
    public long BeginMastership()
    {
        long epoch;
        lock (_gate)
        {
            epoch = ++_seen;
            _own = epoch;
        }

        _persist?.Invoke(epoch);
        return epoch;
    }

    /// <summary>This node is no longer master.</summary>
    public void EndMastership()
    {
        lock (_gate)
        {
            _own = 0;
        }
    }

    /// <summary>A peer reported <paramref name="epoch"/> (a pull, a status, a refusal): the next own epoch will exceed it.</summary>
    public void Observe(long epoch)
    {
        bool raised;
        lock (_gate)
        {
            raised = epoch > _seen;
            _seen = Math.Max(_seen, epoch);
        }

        if (raised)
        {
            _persist?.Invoke(epoch);
        }
    }

    /// <summary>
    /// A master offers a stream of <paramref name="epoch"/>: true (and remembered) unless it orders below the stream
    /// accepted last; false with the reason otherwise.
    /// </summary>
    public bool TryAccept(long epoch, string node, out string? refusal)
    {
        bool raised;
        lock (_gate)
        {
            if (Compare(epoch, node, _acceptedEpoch, _acceptedNode) < 0)
            {
                refusal = $"epoch {epoch} of {node} is older than epoch {_acceptedEpoch} of {_acceptedNode}";
                return false;
            }

            _acceptedEpoch = epoch;
            _acceptedNode = node;
            raised = epoch > _seen;
            _seen = Math.Max(_seen, epoch);
        }

        if (raised)
        {
            _persist?.Invoke(epoch);
        }

        refusal = null;
        return true;
    }

    /// <summary>Orders two (epoch, node) pairs: by epoch, then by node name (ordinal).</summary>
    public static int Compare(long epochA, string nodeA, long epochB, string nodeB)
    {
        var byEpoch = epochA.CompareTo(epochB);
        return byEpoch != 0 ? byEpoch : string.CompareOrdinal(nodeA, nodeB);
    }
}
