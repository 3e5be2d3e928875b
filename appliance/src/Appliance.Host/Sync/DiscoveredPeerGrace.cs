namespace Appliance.Host.Sync;

/// <summary>
/// When a discovered sync peer that discovery lost is really removed; pure (times in, names out), not thread-safe (the
/// feed serializes it). A lost peer is removed <see cref="Grace"/> after the loss unless discovery finds it again
/// first; at that moment a peer whose sync connection is demonstrably alive (a stream acknowledged within the peer
/// timeout, or the master stream this node applies) is kept and looked at again one grace later: an mDNS goodbye or an
/// expiry contradicted by a working stream is a discovery hiccup (a peer restarting its announcement on an <c>ha</c>
/// reload, a lost query), not a departed node. A peer that really left has no live stream, so it goes at the first
/// check after its stream ended.
/// </summary>
internal sealed class DiscoveredPeerGrace
{
    private readonly Dictionary<string, TimeSpan> _due = new(StringComparer.Ordinal);

    /// <summary>A grace of <paramref name="grace"/> (more than zero).</summary>
    public DiscoveredPeerGrace(TimeSpan grace)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(grace, TimeSpan.Zero);
        Grace = grace;
    }

    /// <summary>How long a lost peer stays before it is removed.</summary>
    public TimeSpan Grace { get; }

    /// <summary>The earliest pending check; null when no peer is waiting.</summary>
    public TimeSpan? NextDeadline => _due.Count == 0 ? null : _due.Values.Min();

    /// <summary>Peers waiting for removal now.</summary>
    public IReadOnlyCollection<string> Pending => _due.Keys;

    /// <summary>Discovery found (or updated) <paramref name="name"/>: a pending removal is cancelled; true when there was one.</summary>
    public bool Found(string name) => _due.Remove(name);

    /// <summary>Discovery lost <paramref name="name"/> at <paramref name="now"/>: removal is due one grace later (an earlier due time stays).</summary>
    public TimeSpan Lost(string name, TimeSpan now)
    {
        if (!_due.TryGetValue(name, out var due))
        {
            due = now + Grace;
            _due[name] = due;
        }

        return due;
    }

    /// <summary>
    /// The peers to remove at <paramref name="now"/>: those whose grace has passed and whose connection
    /// <paramref name="isConnected"/> says is not alive. Connected ones are kept and checked again one grace later.
    /// </summary>
    public IReadOnlyList<string> Due(TimeSpan now, Func<string, bool> isConnected)
    {
        List<string> remove = [];
        foreach (var (name, due) in _due.Where(p => p.Value <= now).ToList())
        {
            if (isConnected(name))
            {
                _due[name] = now + Grace;
            }
            else
            {
                _due.Remove(name);
                remove.Add(name);
            }
        }

        return remove;
    }
}
