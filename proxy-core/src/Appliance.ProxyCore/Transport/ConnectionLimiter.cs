namespace Appliance.ProxyCore.Transport;

/// <summary>
/// A <c>maxconn</c> limit: the accept loop waits for a slot before accepting, so excess clients wait in the kernel's
/// backlog exactly as with HAProxy (it stops polling its listeners when the limit is reached).
/// </summary>
public sealed class ConnectionLimiter : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public ConnectionLimiter(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        _slots = new SemaphoreSlim(limit, limit);
    }

    public int Limit { get; }

    public int Current => Limit - _slots.CurrentCount;

    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
