namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>The soft stop's claim on a connection idle between two requests (HAProxy closes those at once).</summary>
internal sealed partial class HttpClientConnection
{
    // Between two requests the connection is Idle; a soft stop that finds it so claims it (Closing) and shortens the
    // wait, under the ClientTimer's lock, so a request that arrives meanwhile takes the connection back safely.
    private const int Busy = 0;
    private const int Idle = 1;
    private const int Closing = 2;
    private int _state;
    private long _idleDue;

    /// <summary>
    /// Arms the deadline of a wait for the next request, then marks the connection idle (so a soft stop that claims it
    /// shortens this very deadline). A soft stop that began before is applied here, as its callback would have.
    /// </summary>
    private CancellationToken EnterIdle(TimeSpan? timeout)
    {
        var deadline = ClientTimer.Start(timeout);
        _idleDue = timeout is { } t ? Context.Time.GetTimestamp() + (long)(t.TotalSeconds * Context.Time.TimestampFrequency) : long.MaxValue;
        Volatile.Write(ref _state, Idle);
        if (IsStopping)
        {
            CloseIfIdle();
        }

        return deadline;
    }

    /// <summary>
    /// Ends an idle wait that saw data. When a soft stop claimed the connection meanwhile, its shortened deadline is
    /// disarmed under the timer's lock and the request is served anyway (its response then says <c>Connection: close</c>).
    /// </summary>
    private void LeaveIdle()
    {
        if (Interlocked.CompareExchange(ref _state, Busy, Idle) == Idle)
        {
            return;
        }

        lock (ClientTimer)
        {
            ClientTimer.Disarm();
            Volatile.Write(ref _state, Busy);
        }
    }

    /// <summary>
    /// The soft stop's callback (HAProxy closes idle keep-alive connections at once): ends the wait of a connection idle
    /// between two requests now, or within <c>close-spread-time</c> (never later than its own timeout would); a busy one
    /// is closed after its response (<see cref="CloseForStop"/>), or goes idle and comes back here. A connection still
    /// waiting for its first request is not idle here: HAProxy 2.6 leaves it to its timeouts too.
    /// </summary>
    private void CloseIfIdle()
    {
        if (Stop.IdleCloseDelay() is not { } delay)
        {
            return;
        }

        lock (ClientTimer)
        {
            if (Interlocked.CompareExchange(ref _state, Closing, Idle) != Idle)
            {
                return;
            }

            if (delay <= TimeSpan.Zero)
            {
                ClientTimer.ExpireNow();
            }
            else if (Context.Time.GetTimestamp() + (long)(delay.TotalSeconds * Context.Time.TimestampFrequency) < Volatile.Read(ref _idleDue))
            {
                ClientTimer.ExpireAfter(delay);
            }
        }
    }
}
