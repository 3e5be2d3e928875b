namespace Appliance.ProxyCore.Transport;

/// <summary>
/// The soft stop of the connections of one configuration (HAProxy's soft stop, SIGUSR1, and what its old process does
/// after a reload). <see cref="Stopping"/> fires when it begins: HTTP connections close when idle (at once for those
/// idle now) and answer their request in progress with <c>Connection: close</c>; TCP connections and tunnels go on.
/// <see cref="Abort"/> fires <c>hard-stop-after</c> later (when set), or when the whole proxy aborts: every connection
/// left is closed. Both are one-way; a second <see cref="BeginAsync"/> does nothing. With <c>close-spread-time</c> the
/// closing of HTTP connections is spread over that window (<see cref="CloseAfterResponse"/>, <see cref="IdleCloseDelay"/>).
/// </summary>
internal sealed class SoftStop : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort;
    private ITimer? _hardStop;
    private int _begun;
    private long _begunAt;
    private TimeSpan? _spread;

    /// <param name="abortAll">The proxy's own abort (a stop's grace over): it aborts these connections too.</param>
    /// <param name="random">Draws the <c>close-spread-time</c> spreading; default <see cref="Random.Shared"/>.</param>
    public SoftStop(TimeProvider time, CancellationToken abortAll, Random? random = null)
    {
        _time = time;
        _random = random ?? Random.Shared;
        _abort = CancellationTokenSource.CreateLinkedTokenSource(abortAll);
    }

    /// <summary>Fires when the soft stop begins.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Fires when the connections must close now (<c>hard-stop-after</c> passed, or the proxy aborts).</summary>
    public CancellationToken Abort => _abort.Token;

    /// <summary>True once <see cref="BeginAsync"/> ran.</summary>
    public bool IsStopping => Volatile.Read(ref _begun) != 0;

    /// <summary>
    /// Begins the soft stop: fires <see cref="Stopping"/> (its callbacks run on the thread pool, and the task completes
    /// once they ran) and, when <paramref name="hardStopAfter"/> is set, fires <see cref="Abort"/> that long after.
    /// </summary>
    /// <param name="closeSpreadTime"><c>close-spread-time</c>: null = close HTTP connections at once (HAProxy's default),
    /// <see cref="Timeout.InfiniteTimeSpan"/> = never close them actively (HAProxy's <c>infinite</c>).</param>
    public async Task BeginAsync(TimeSpan? hardStopAfter, TimeSpan? closeSpreadTime = null)
    {
        if (Interlocked.Exchange(ref _begun, 1) != 0)
        {
            return;
        }

        _spread = closeSpreadTime;
        _begunAt = _time.GetTimestamp();

        if (hardStopAfter is { } bound)
        {
            _hardStop = _time.CreateTimer(static s => ((SoftStop)s!).HardStop(), this, bound, Timeout.InfiniteTimeSpan);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the response being sent now ends its connection (<c>Connection: close</c>). Without a spread window: yes.
    /// With one, as HAProxy 2.6's mux_h1: kept alive when a draw in [0, window) falls below what is left of the window,
    /// so the share of connections closed grows from none at the start of the window to all at its end. Infinite: never.
    /// </summary>
    public bool CloseAfterResponse()
    {
        if (_spread is not { } window)
        {
            return true;
        }

        if (window == Timeout.InfiniteTimeSpan)
        {
            return false;
        }

        var remaining = window - _time.GetElapsedTime(_begunAt);
        return remaining <= TimeSpan.Zero || _random.NextDouble() * window.Ticks >= remaining.Ticks;
    }

    /// <summary>
    /// How long a connection found idle now may stay idle before the soft stop closes it: zero without a spread window
    /// (at once), a random part of what is left of the window with one, null with an infinite one (its timeouts close it).
    /// </summary>
    public TimeSpan? IdleCloseDelay()
    {
        if (_spread is not { } window)
        {
            return TimeSpan.Zero;
        }

        if (window == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        var remaining = window - _time.GetElapsedTime(_begunAt);
        return remaining <= TimeSpan.Zero ? TimeSpan.Zero : TimeSpan.FromTicks((long)(_random.NextDouble() * remaining.Ticks));
    }

    /// <summary>Stops the <c>hard-stop-after</c> timer. The token sources stay alive: connections may still hold their tokens.</summary>
    public void Dispose() => _hardStop?.Dispose();

    private void HardStop()
    {
        try
        {
            _abort.Cancel();
        }
        catch (AggregateException)
        {
            // A connection's abort callback failed; the connection is closing anyway.
        }
    }
}
