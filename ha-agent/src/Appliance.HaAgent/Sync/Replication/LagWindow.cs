namespace Appliance.HaAgent.Sync.Replication;

/// <summary>
/// Replication lag samples (time from a local change to the peer's ack) over a sliding time window, for p50/p99.
/// Keeps at most the last <c>capacity</c> samples (default 8,192: a minute of a busy table is summarised by its most
/// recent seconds, memory stays fixed). Percentiles use the nearest-rank method. Thread-safe.
/// </summary>
public sealed class LagWindow
{
    /// <summary>Default sample capacity.</summary>
    public const int DefaultCapacity = 8_192;

    private readonly object _gate = new();
    private readonly long[] _at;
    private readonly long[] _lagTicks;
    private readonly long _windowTimestampTicks;
    private readonly TimeProvider _time;
    private int _next;
    private int _count;

    /// <summary>A window of <paramref name="window"/> over <paramref name="time"/>'s timestamps.</summary>
    public LagWindow(TimeSpan window, TimeProvider time, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _at = new long[capacity];
        _lagTicks = new long[capacity];
        _windowTimestampTicks = (long)(window.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Records the lag of a change reported at <paramref name="changeTimestamp"/> and acknowledged at <paramref name="ackTimestamp"/>.</summary>
    public void Add(long changeTimestamp, long ackTimestamp)
    {
        var lag = _time.GetElapsedTime(changeTimestamp, ackTimestamp);
        lock (_gate)
        {
            _at[_next] = ackTimestamp;
            _lagTicks[_next] = Math.Max(0, lag.Ticks);
            _next = (_next + 1) % _at.Length;
            _count = Math.Min(_count + 1, _at.Length);
        }
    }

    /// <summary>The <paramref name="percentile"/> (0..100] of the samples inside the window now; null without samples.</summary>
    public TimeSpan? Percentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var now = _time.GetTimestamp();
        List<long> values;
        lock (_gate)
        {
            values = new List<long>(_count);
            for (var i = 0; i < _count; i++)
            {
                if (now - _at[i] <= _windowTimestampTicks)
                {
                    values.Add(_lagTicks[i]);
                }
            }
        }

        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var rank = (int)Math.Ceiling(percentile / 100 * values.Count);
        return TimeSpan.FromTicks(values[Math.Clamp(rank, 1, values.Count) - 1]);
    }
}
