namespace Appliance.ProxyCore.Model;

/// <summary>
/// A FIFO of connections waiting for a server slot, bounded in time by <c>timeout queue</c>: the backend's queue (any
/// server will do) or one server's own queue (clients that persistence sends to that server while it is at its
/// <c>maxconn</c>). A freed slot wakes whichever of the server's and the backend's oldest waiters came first, as
/// HAProxy does; that waiter then takes the slot, or comes back to its own place if someone else was quicker.
/// </summary>
public sealed class ServerQueue
{
    // One order across every queue of the process, so a server's queue and its backend's can be compared.
    private static long s_nextSequence;

    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private int _count;

    /// <summary>How many connections wait now (read without a lock: balancers look at it per selection).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The most connections that ever waited at once.</summary>
    public int MaxCount { get; private set; }

    /// <summary>Registers a new waiter at the end of the queue; dispose the returned ticket when done waiting.</summary>
    public Ticket Enter() => Enter(Interlocked.Increment(ref s_nextSequence));

    /// <summary>
    /// Registers a waiter that keeps the place of an earlier ticket (<see cref="Ticket.Sequence"/>): woken for a slot
    /// that someone else took first, it waits again ahead of everyone who came after it.
    /// </summary>
    public Ticket Enter(long sequence)
    {
        var waiter = new Waiter(sequence);
        LinkedListNode<Waiter> node;
        lock (_gate)
        {
            var after = _waiters.Last;
            while (after is not null && after.Value.Sequence > sequence)
            {
                after = after.Previous;
            }

            node = after is null ? _waiters.AddFirst(waiter) : _waiters.AddAfter(after, waiter);
            _count = _waiters.Count;
            MaxCount = Math.Max(MaxCount, _waiters.Count);
        }

        // The count is visible before the waiter looks for a free slot once more, so a releaser that reads no waiters
        // (SignalOldest's lock-free check) has freed its slot before that look.
        Interlocked.MemoryBarrier();

        return new Ticket(this, node);
    }

    /// <summary>Wakes the oldest waiter, if any, because a slot was freed; false when nobody waited.</summary>
    public bool SignalOne()
    {
        Waiter? next = null;
        lock (_gate)
        {
            if (_waiters.First is { } first)
            {
                next = first.Value;
                _waiters.RemoveFirst();
                _count = _waiters.Count;
            }
        }

        return next?.Completion.TrySetResult() ?? false;
    }

    /// <summary>Wakes every waiter (the server went down: each one looks again at where it may go).</summary>
    public void SignalAll()
    {
        while (SignalOne())
        {
        }
    }

    /// <summary>
    /// A slot of <paramref name="server"/>'s was freed: wakes the oldest waiter of the server's own queue and of its
    /// backend's queue (the other one when that one is empty).
    /// </summary>
    public static void SignalOldest(ServerQueue server, ServerQueue backend)
    {
        // Every released slot comes here (once per request): with nobody waiting, take no lock. A waiter that enters
        // meanwhile looks for a free slot after entering, so it cannot miss this one.
        if (server.Count == 0 && backend.Count == 0)
        {
            return;
        }

        var (first, second) = server.OldestSequence <= backend.OldestSequence ? (server, backend) : (backend, server);
        if (!first.SignalOne())
        {
            second.SignalOne();
        }
    }

    /// <summary>The sequence of the oldest waiter; <see cref="long.MaxValue"/> when the queue is empty.</summary>
    private long OldestSequence
    {
        get
        {
            lock (_gate)
            {
                return _waiters.First?.Value.Sequence ?? long.MaxValue;
            }
        }
    }

    private void Remove(LinkedListNode<Waiter> node)
    {
        lock (_gate)
        {
            if (node.List is not null)
            {
                _waiters.Remove(node);
                _count = _waiters.Count;
            }
        }
    }

    internal sealed class Waiter(long sequence)
    {
        public long Sequence { get; } = sequence;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One connection's place in the queue.</summary>
    public readonly struct Ticket : IDisposable
    {
        private readonly ServerQueue _queue;
        private readonly LinkedListNode<Waiter> _node;

        internal Ticket(ServerQueue queue, LinkedListNode<Waiter> node)
        {
            _queue = queue;
            _node = node;
        }

        /// <summary>Completes when a slot was released for this waiter.</summary>
        public Task Signalled => _node.Value.Completion.Task;

        /// <summary>The waiter's place in the order of arrival (see <see cref="Enter(long)"/>).</summary>
        public long Sequence => _node.Value.Sequence;

        /// <summary>Leaves the queue (a no-op when it was already signalled and removed).</summary>
        public void Dispose()
        {
            _queue.Remove(_node);
        }
    }
}
