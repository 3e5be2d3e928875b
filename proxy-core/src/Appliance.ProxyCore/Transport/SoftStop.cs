namespace Appliance.ProxyCore.Transport;

/// <summary>
/// The soft stop of the connections of one configuration (HAProxy's soft stop, SIGUSR1, and what its old process does
/// after a reload). <see cref="Stopping"/> fires when it begins: HTTP connections close when idle (at once for those
/// idle now) and answer their request in progress with <c>Connection: close</c>; TCP connections and tunnels go on.
/// <see cref="Abort"/> fires <c>hard-stop-after</c> later (when set), or when the whole proxy aborts: every connection
/// left is closed. Both are one-way; a second <see cref="BeginAsync"/> does nothing.
/// </summary>
internal sealed class SoftStop : IDisposable
{
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort;
    private ITimer? _hardStop;
    private int _begun;

    /// <param name="abortAll">The proxy's own abort (a stop's grace over): it aborts these connections too.</param>
    public SoftStop(TimeProvider time, CancellationToken abortAll)
    {
        _time = time;
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
    public async Task BeginAsync(TimeSpan? hardStopAfter)
    {
        if (Interlocked.Exchange(ref _begun, 1) != 0)
        {
            return;
        }

        if (hardStopAfter is { } bound)
        {
            _hardStop = _time.CreateTimer(static s => ((SoftStop)s!).HardStop(), this, bound, Timeout.InfiniteTimeSpan);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
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
