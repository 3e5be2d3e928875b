using System.Runtime.CompilerServices;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// Reset cancellation sources (each with its timer once it has been armed) for the <see cref="ReadTimer"/>s of one
/// clock: an idle keep-alive connection gives its source back while it waits, a woken one takes one again, so 10,000
/// idle connections do not keep 10,000 sources and timers. Bounded: beyond <see cref="Capacity"/> returned sources are
/// disposed. Only sources of the system clock can be reset (.NET cannot reset a source on another clock's timer), so on
/// any other clock (tests) a returned source is disposed and every rent makes a new one. Thread-safe.
/// </summary>
internal sealed class TimeoutSourcePool
{
    /// <summary>The most sources kept per clock.</summary>
    public const int Capacity = 1024;

    private static readonly ConditionalWeakTable<TimeProvider, TimeoutSourcePool> Pools = new();

    private readonly TimeProvider _time;
    private readonly CancellationTokenSource?[] _items = new CancellationTokenSource?[Capacity];
    private readonly Lock _gate = new();
    private int _count;

    /// <summary>A pool of its own (tests); connections share <see cref="Of"/>'s.</summary>
    internal TimeoutSourcePool(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The pool of sources that run on <paramref name="time"/>'s clock.</summary>
    public static TimeoutSourcePool Of(TimeProvider time) => Pools.GetValue(time, static t => new TimeoutSourcePool(t));

    /// <summary>How many sources the pool holds.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>A reset source without a deadline.</summary>
    public CancellationTokenSource Rent()
    {
        lock (_gate)
        {
            if (_count > 0)
            {
                var cts = _items[--_count]!;
                _items[_count] = null;
                return cts;
            }
        }

        return new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
    }

    /// <summary>Takes back a source: kept when it can be reset (not cancelled) and there is room, disposed otherwise.</summary>
    public void Return(CancellationTokenSource cts)
    {
        if (cts.TryReset())
        {
            lock (_gate)
            {
                if (_count < _items.Length)
                {
                    _items[_count++] = cts;
                    return;
                }
            }
        }

        cts.Dispose();
    }
}
