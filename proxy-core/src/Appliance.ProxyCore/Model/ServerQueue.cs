namespace Appliance.ProxyCore.Model;

/// <summary>
/// The backend's FIFO of connections waiting for a server slot (HAProxy's backend queue, bounded in time by
/// <c>timeout queue</c>). A released slot wakes the oldest waiter, which then picks again.
/// </summary>
public sealed class ServerQueue
{
    private readonly object _gate = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();

    /// <summary>How many connections wait now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>The most connections that ever waited at once.</summary>
    public int MaxCount { get; private set; }

    /// <summary>Registers a waiter; dispose the returned ticket when done waiting.</summary>
    public Ticket Enter()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        LinkedListNode<TaskCompletionSource> node;
        lock (_gate)
        {
            node = _waiters.AddLast(tcs);
            MaxCount = Math.Max(MaxCount, _waiters.Count);
        }

        return new Ticket(this, node);
    }

    /// <summary>Wakes the oldest waiter, if any, because a slot was freed.</summary>
    public void SignalOne()
    {
        TaskCompletionSource? next = null;
        lock (_gate)
        {
            if (_waiters.First is { } first)
            {
                next = first.Value;
                _waiters.RemoveFirst();
            }
        }

        next?.TrySetResult();
    }

    private void Remove(LinkedListNode<TaskCompletionSource> node)
    {
        lock (_gate)
        {
            if (node.List is not null)
            {
                _waiters.Remove(node);
            }
        }
    }

    /// <summary>One connection's place in the queue.</summary>
    public readonly struct Ticket : IDisposable
    {
        private readonly ServerQueue _queue;
        private readonly LinkedListNode<TaskCompletionSource> _node;

        internal Ticket(ServerQueue queue, LinkedListNode<TaskCompletionSource> node)
        {
            _queue = queue;
            _node = node;
        }

        /// <summary>Completes when a slot was released for this waiter.</summary>
        public Task Signalled => _node.Value.Task;

        /// <summary>Leaves the queue (a no-op when it was already signalled and removed).</summary>
        public void Dispose()
        {
            _queue.Remove(_node);
        }
    }
}
