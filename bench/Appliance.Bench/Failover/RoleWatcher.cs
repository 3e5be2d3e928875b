namespace Appliance.Bench.Failover;

/// <summary>The roles one router printed: the last one, how many changes, and a wait for a given role.</summary>
internal sealed class RoleWatcher
{
    private readonly object _gate = new();
    private readonly List<(long Timestamp, string Role)> _changes = [];
    private string _role = "NONE";
    private string _reason = "-";
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Role
    {
        get
        {
            lock (_gate)
            {
                return _role;
            }
        }
    }

    /// <summary>Why the last change happened, when the router says (ours: the transition reason); "-" otherwise.</summary>
    public string Reason
    {
        get
        {
            lock (_gate)
            {
                return _reason;
            }
        }
    }

    public void Observe(string role, string reason = "-")
    {
        lock (_gate)
        {
            _role = role;
            _reason = reason;
            _changes.Add((System.Diagnostics.Stopwatch.GetTimestamp(), role));
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    /// <summary>Role changes observed after <paramref name="since"/> (a Stopwatch timestamp).</summary>
    public int ChangesSince(long since)
    {
        lock (_gate)
        {
            return _changes.Count(c => c.Timestamp > since);
        }
    }

    public async Task WaitForAsync(string role, TimeSpan timeout, Func<string> describe)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_role == role)
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"did not become {role} within {timeout.TotalSeconds:F0} s (last role {Role}):\n{describe()}");
            }
        }
    }
}
