namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// One reusable deadline for the reads of a connection: <see cref="Start"/> arms it before a read, the read's token
/// fires when the timeout passes. Reset after every read without allocating; a new source is made only after a
/// timeout fired (the connection is then closed anyway).
/// </summary>
internal sealed class ReadTimer : IDisposable
{
    private readonly TimeProvider _time;
    private CancellationTokenSource _cts;

    public ReadTimer(TimeProvider time)
    {
        _time = time;
        _cts = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
    }

    /// <summary>True when the last armed deadline passed.</summary>
    public bool Expired => _cts.IsCancellationRequested;

    /// <summary>Arms the deadline (<c>null</c> = no limit) and returns the token to pass to the read.</summary>
    public CancellationToken Start(TimeSpan? timeout)
    {
        if (!_cts.TryReset())
        {
            _cts.Dispose();
            _cts = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        }

        if (timeout is { } t)
        {
            _cts.CancelAfter(t);
        }

        return _cts.Token;
    }

    /// <summary>
    /// Fires the armed deadline now (<see cref="Expired"/> turns true), from another thread: the soft stop ends an idle
    /// wait this way. The caller must know the timer is armed for that wait and not being re-armed.
    /// </summary>
    public void ExpireNow()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection ended meanwhile.
        }
    }

    /// <summary>Fires the armed deadline <paramref name="delay"/> from now instead (from another thread, as <see cref="ExpireNow"/>).</summary>
    public void ExpireAfter(TimeSpan delay)
    {
        try
        {
            _cts.CancelAfter(delay);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Lifts the armed deadline (the next <see cref="Start"/> arms a new one).</summary>
    public void Disarm()
    {
        try
        {
            _cts.CancelAfter(Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose() => _cts.Dispose();
}
