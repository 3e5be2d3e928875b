namespace Appliance.ProxyCore.Model;

/// <summary>
/// When a server or backend last changed state and how long it has been down in all (HAProxy's <c>lastchg</c>,
/// <c>downtime</c> and <c>chkdown</c>). Starts at construction: an object that never changed reports the time since
/// start, as HAProxy does. Atomics only; state changes are rare, so a race between two simultaneous changes can at
/// worst misplace one change by the time between them.
/// </summary>
public sealed class StateClock
{
    private readonly TimeProvider _time;
    private long _lastChange;
    private long _downSince;
    private long _downtime;
    private long _downTransitions;
    private int _down;

    /// <param name="time">The clock; timestamps are <see cref="TimeProvider.GetTimestamp"/> values.</param>
    /// <param name="startsDown">True when the object is down from the start (it counts as downtime, not as a transition).</param>
    public StateClock(TimeProvider time, bool startsDown = false)
    {
        _time = time;
        _lastChange = time.GetTimestamp();
        _downSince = _lastChange;
        _down = startsDown ? 1 : 0;
    }

    public bool IsDown => Volatile.Read(ref _down) != 0;

    /// <summary>How many times the object went from up to down.</summary>
    public long DownTransitions => Interlocked.Read(ref _downTransitions);

    /// <summary>Records a change that does not move the object up or down (e.g. drain): only <c>lastchg</c> moves.</summary>
    public void Changed() => Interlocked.Exchange(ref _lastChange, _time.GetTimestamp());

    /// <summary>Records the object's up/down state; a change moves <c>lastchg</c> and the downtime accounting.</summary>
    public void SetDown(bool down)
    {
        var value = down ? 1 : 0;
        if (Interlocked.Exchange(ref _down, value) == value)
        {
            return;
        }

        var now = _time.GetTimestamp();
        Interlocked.Exchange(ref _lastChange, now);
        if (down)
        {
            Interlocked.Exchange(ref _downSince, now);
            Interlocked.Increment(ref _downTransitions);
        }
        else
        {
            Interlocked.Add(ref _downtime, now - Interlocked.Read(ref _downSince));
        }
    }

    /// <summary>The time since the last change (or since start).</summary>
    public TimeSpan SinceLastChange() => _time.GetElapsedTime(Interlocked.Read(ref _lastChange));

    /// <summary>The total time spent down, including the current down period.</summary>
    public TimeSpan Downtime()
    {
        var ticks = Interlocked.Read(ref _downtime);
        if (IsDown)
        {
            ticks += _time.GetTimestamp() - Interlocked.Read(ref _downSince);
        }

        return TimeSpan.FromSeconds((double)ticks / _time.TimestampFrequency);
    }
}
