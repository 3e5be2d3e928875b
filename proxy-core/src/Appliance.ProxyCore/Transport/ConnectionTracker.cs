namespace Appliance.ProxyCore.Transport;

/// <summary>Counts the connections in progress so a stop can wait for them to finish.</summary>
public sealed class ConnectionTracker
{
    private readonly object _gate = new();
    private int _count;
    private TaskCompletionSource? _zero;

    public int Count => Volatile.Read(ref _count);

    public void Enter() => Interlocked.Increment(ref _count);

    public void Exit()
    {
        if (Interlocked.Decrement(ref _count) == 0)
        {
            lock (_gate)
            {
                _zero?.TrySetResult();
            }
        }
    }

    /// <summary>Completes when no connection is in progress.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            if (Volatile.Read(ref _count) == 0)
            {
                return Task.CompletedTask;
            }

            _zero ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_zero.Task.IsCompleted)
            {
                _zero = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return _zero.Task;
        }
    }
}
