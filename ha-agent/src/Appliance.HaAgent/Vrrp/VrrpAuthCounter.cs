namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// The sender's trailer counter. It starts at the Unix time in microseconds when the agent starts and goes up by one
/// per advert, so it keeps increasing across restarts without storage: adverts are at most 100 a second per peer
/// (10 ms interval), far fewer than the million microseconds that pass meanwhile. A clock stepped back by more than
/// the agent's lifetime in adverts would make receivers drop our adverts as replays until it catches up.
/// </summary>
public sealed class VrrpAuthCounter
{
    private ulong _last;

    /// <summary>Starts so that the first <see cref="Next"/> returns <paramref name="first"/>.</summary>
    public VrrpAuthCounter(ulong first)
    {
        ArgumentOutOfRangeException.ThrowIfZero(first);
        _last = first - 1;
    }

    /// <summary>A counter whose first value is <paramref name="startedAt"/> in microseconds since the Unix epoch.</summary>
    public static VrrpAuthCounter StartingAt(DateTimeOffset startedAt) =>
        new((ulong)(startedAt - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond);

    /// <summary>The next counter value; never repeats.</summary>
    public ulong Next() => ++_last;
}
