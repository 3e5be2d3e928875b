namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// One reusable deadline for the reads of a connection: <see cref="Start"/> arms it before a read, the read's token
/// fires when the timeout passes. Reset after every read without allocating; a new source is made only after a
/// timeout fired (the connection is then closed anyway). <see cref="Release"/> gives the source (and its timer) back
/// to a shared pool while the connection is idle, so an idle keep-alive connection holds neither.
/// </summary>
internal sealed class ReadTimer : IDisposable
{
    private readonly TimeProvider _time;
    private TimeoutSourcePool? _pool;
    private CancellationTokenSource? _cts;

    public ReadTimer(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>True when the last armed deadline passed.</summary>
    public bool Expired => _cts is { IsCancellationRequested: true };

    /// <summary>Arms the deadline (<c>null</c> = no limit) and returns the token to pass to the read.</summary>
    public CancellationToken Start(TimeSpan? timeout)
    {
        if (_cts is null)
        {
            _cts = Pool.Rent();
        }
        else if (!_cts.TryReset())
        {
            _cts.Dispose();
            _cts = Pool.Rent();
        }

        if (timeout is { } t)
        {
            _cts.CancelAfter(t);
        }

        return _cts.Token;
    }

    /// <summary>Disarms the deadline and returns its source to the pool (no read may be using its token any more).</summary>
    public void Release()
    {
        if (_cts is { } cts)
        {
            _cts = null;
            Pool.Return(cts);
        }
    }

    public void Dispose() => _cts?.Dispose();

    private TimeoutSourcePool Pool => _pool ??= TimeoutSourcePool.Of(_time);
}
