namespace Appliance.HaAgent.Sync.Replication;

/// <summary>
/// A broadcast wake-up: take <see cref="Next"/>, check the condition, then await the task; any <see cref="Pulse"/>
/// after <see cref="Next"/> was taken completes it, so no wake-up is lost between the check and the wait.
/// </summary>
public sealed class AsyncSignal
{
    private readonly object _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Pulse"/>.</summary>
    public Task Next
    {
        get
        {
            lock (_gate)
            {
                return _next.Task;
            }
        }
    }

    /// <summary>Wakes everyone waiting on a <see cref="Next"/> taken before now.</summary>
    public void Pulse()
    {
        TaskCompletionSource current;
        lock (_gate)
        {
            current = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        current.TrySetResult();
    }
}
