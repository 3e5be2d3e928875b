namespace Appliance.HaAgent.Sync.Security;

/// <summary>
/// Remembers the nonces of accepted PSK calls until their timestamps leave the clock-skew window (after which the window
/// check refuses them anyway), so each credential is accepted once. Bounded: when full of live nonces it refuses new
/// ones rather than forget one that could then be replayed. Thread-safe; time comes from the caller.
/// </summary>
public sealed class ReplayCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiry = new(StringComparer.Ordinal);
    private readonly Queue<(string Nonce, DateTimeOffset ExpiresAt)> _order = new();

    /// <summary>A cache for at most <paramref name="capacity"/> live nonces.</summary>
    public ReplayCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most nonces held at once.</summary>
    public int Capacity { get; }

    /// <summary>Nonces held now (expired ones included until the next <see cref="TryAdd"/> prunes them).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _expiry.Count;
            }
        }
    }

    /// <summary>Records <paramref name="nonce"/> until <paramref name="expiresAt"/>.</summary>
    /// <returns><see cref="ReplayCheck.Fresh"/>, <see cref="ReplayCheck.Replayed"/> for a nonce already held, or <see cref="ReplayCheck.Full"/>.</returns>
    public ReplayCheck TryAdd(string nonce, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        lock (_gate)
        {
            // Insertion order is close to expiry order (timestamps fall within the window); an entry held past its
            // expiry behind a later one costs memory only, never safety.
            while (_order.TryPeek(out var oldest) && oldest.ExpiresAt <= now)
            {
                _order.Dequeue();
                if (_expiry.TryGetValue(oldest.Nonce, out var at) && at == oldest.ExpiresAt)
                {
                    _expiry.Remove(oldest.Nonce);
                }
            }

            if (_expiry.TryGetValue(nonce, out var existing) && existing > now)
            {
                return ReplayCheck.Replayed;
            }

            if (_expiry.Count >= Capacity)
            {
                return ReplayCheck.Full;
            }

            _expiry[nonce] = expiresAt;
            _order.Enqueue((nonce, expiresAt));
            return ReplayCheck.Fresh;
        }
    }
}
