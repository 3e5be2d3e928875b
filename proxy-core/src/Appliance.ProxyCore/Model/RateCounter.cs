namespace Appliance.ProxyCore.Model;

/// <summary>
/// Events per second over a sliding one-second window, as HAProxy's <c>freq_ctr</c> (src/freq_ctr.c): the count of the
/// current second plus the previous second's count weighted by the part of it still inside the window. Also keeps the
/// highest rate seen (<c>rate_max</c>). Atomics only; when two threads cross a second boundary at the same moment an
/// event may be counted in the neighbouring second, which moves the rate by at most that one event.
/// </summary>
public sealed class RateCounter
{
    private readonly TimeProvider _time;
    private long _second;
    private long _current;
    private long _previous;
    private long _max;

    public RateCounter(TimeProvider time)
    {
        _time = time;
        _second = time.GetTimestamp() / time.TimestampFrequency;
    }

    /// <summary>The highest rate seen at an increment, in events per second.</summary>
    public long Max => Interlocked.Read(ref _max);

    /// <summary>Counts one event now.</summary>
    public void Increment()
    {
        var now = _time.GetTimestamp();
        Rotate(now);
        Interlocked.Increment(ref _current);
        var rate = RateAt(now);
        long max;
        while (rate > (max = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, rate, max) != max)
        {
        }
    }

    /// <summary>The current rate in events per second.</summary>
    public long Read()
    {
        var now = _time.GetTimestamp();
        Rotate(now);
        return RateAt(now);
    }

    private long RateAt(long now)
    {
        var frequency = _time.TimestampFrequency;
        var intoSecond = now % frequency;
        var previous = Interlocked.Read(ref _previous);
        return Interlocked.Read(ref _current) + (previous * (frequency - intoSecond) / frequency);
    }

    private void Rotate(long now)
    {
        var second = now / _time.TimestampFrequency;
        var seen = Interlocked.Read(ref _second);
        if (second <= seen || Interlocked.CompareExchange(ref _second, second, seen) != seen)
        {
            return;
        }

        // Only the thread that moved the window shifts the counts; a gap of more than one second empties both.
        var last = Interlocked.Exchange(ref _current, 0);
        Interlocked.Exchange(ref _previous, second - seen == 1 ? last : 0);
    }
}
