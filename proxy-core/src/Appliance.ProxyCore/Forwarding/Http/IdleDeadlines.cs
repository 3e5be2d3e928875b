using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The idle keep-alive connections that wait with the same timeout, in the order they started waiting, which is also the
/// order of their deadlines: one timer for all of them (armed for the first deadline) instead of a cancellation source
/// and a timer per connection (issue 9: memory per idle connection). Adding and removing are O(1) under a lock and
/// allocate nothing; a removed head leaves the timer armed for its old deadline, which then re-arms for the new head.
/// Deadlines are exact (no coarse ticks), so <c>timeout http-keep-alive</c> keeps its meaning. Thread-safe.
/// </summary>
internal sealed class IdleDeadlines
{
    private static readonly ConditionalWeakTable<TimeProvider, ConcurrentDictionary<TimeSpan, IdleDeadlines>> All = new();

    private readonly TimeProvider _time;
    private readonly long _timeout;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private IdleWait? _head;
    private IdleWait? _tail;
    private bool _armed;

    private IdleDeadlines(TimeProvider time, TimeSpan timeout)
    {
        _time = time;
        _timeout = ToTimestamp(time, timeout);
        _timer = time.CreateTimer(static s => ((IdleDeadlines)s!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The list for <paramref name="timeout"/> on <paramref name="time"/>'s clock (one per distinct timeout).</summary>
    public static IdleDeadlines For(TimeProvider time, TimeSpan timeout) =>
        All.GetValue(time, static _ => new ConcurrentDictionary<TimeSpan, IdleDeadlines>())
            .GetOrAdd(timeout, static (t, clock) => new IdleDeadlines(clock, t), time);

    /// <summary>How many waits are in the list.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                var count = 0;
                for (var wait = _head; wait is not null; wait = wait.Next)
                {
                    count++;
                }

                return count;
            }
        }
    }

    /// <summary>Starts <paramref name="wait"/>'s timeout now.</summary>
    public void Add(IdleWait wait)
    {
        wait.Expired = false;
        wait.Deadline = _time.GetTimestamp() + _timeout;
        bool arm;
        lock (_gate)
        {
            wait.Previous = _tail;
            wait.Next = null;
            if (_tail is null)
            {
                _head = wait;
            }
            else
            {
                _tail.Next = wait;
            }

            _tail = wait;
            arm = !_armed;
            _armed = true;
        }

        if (arm)
        {
            _timer.Change(FromTimestamp(_timeout), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Ends <paramref name="wait"/>; false when its deadline passed first (it is then no longer listed).</summary>
    public bool Remove(IdleWait wait)
    {
        lock (_gate)
        {
            if (wait.Expired)
            {
                return false;
            }

            if (wait.Previous is not null || _head == wait)
            {
                Unlink(wait);
            }

            return true;
        }
    }

    private void OnTimer()
    {
        IdleWait? expired = null;
        TimeSpan? next = null;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            while (_head is { } head && head.Deadline <= now)
            {
                Unlink(head);
                head.Expired = true;
                head.Next = expired;
                expired = head;
            }

            if (_head is { } first)
            {
                next = FromTimestamp(first.Deadline - now);
            }
            else
            {
                _armed = false;
            }
        }

        if (next is { } due)
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }

        while (expired is not null)
        {
            var wait = expired;
            expired = wait.Next;
            wait.Next = null;
            wait.Wake();
        }
    }

    private void Unlink(IdleWait wait)
    {
        if (wait.Previous is null)
        {
            _head = wait.Next;
        }
        else
        {
            wait.Previous.Next = wait.Next;
        }

        if (wait.Next is null)
        {
            _tail = wait.Previous;
        }
        else
        {
            wait.Next.Previous = wait.Previous;
        }

        wait.Previous = null;
        wait.Next = null;
    }

    private static long ToTimestamp(TimeProvider time, TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private TimeSpan FromTimestamp(long stamp) => TimeSpan.FromSeconds(Math.Max(stamp, 1) / (double)_time.TimestampFrequency);
}
