namespace Appliance.ProxyCore.Health;

/// <summary>
/// The timeout budget of one check (<see cref="CheckTimeouts"/>) as a token on the injected clock, told apart from
/// shutdown so a probe can report "timeout" for one and stop quietly for the other.
/// </summary>
internal sealed class CheckDeadline : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _stop;
    private readonly TimeSpan? _afterConnect;

    public CheckDeadline(CheckTimeouts timeouts, TimeProvider time, CancellationToken stop)
    {
        _timeout = new CancellationTokenSource(timeouts.Connect, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _timeout.Token);
        _stop = stop;
        _afterConnect = timeouts.AfterConnect;
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>True when the budget ran out (rather than shutdown).</summary>
    public bool TimedOut => _timeout.IsCancellationRequested && !_stop.IsCancellationRequested;

    /// <summary>Starts the after-connect budget (<c>timeout check</c>) when there is one.</summary>
    public void Connected()
    {
        if (_afterConnect is { } budget && !_timeout.IsCancellationRequested)
        {
            // A CancellationTokenSource built on a TimeProvider re-arms that provider's timer here.
            _timeout.CancelAfter(budget);
        }
    }

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
