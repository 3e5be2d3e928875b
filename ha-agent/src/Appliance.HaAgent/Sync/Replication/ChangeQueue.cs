using System.Threading.Channels;
using Appliance.Contracts.Replication;

namespace Appliance.HaAgent.Sync.Replication;

/// <summary>
/// The hand-off from the proxy's data path to the sequencer: the observer callbacks only enqueue into a bounded
/// queue and return. When the queue is full the change is dropped and counted; the sequencer then sends every peer a
/// snapshot (which carries the dropped change, since the table already holds it), so the data path never blocks.
/// </summary>
public sealed class ChangeQueue : IStickTableObserver
{
    private readonly Channel<LocalChange> _channel;
    private readonly TimeProvider _time;
    private long _overflows;
    private int _overflowPending;

    /// <summary>A queue of at most <paramref name="capacity"/> changes.</summary>
    public ChangeQueue(int capacity, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _channel = Channel.CreateBounded<LocalChange>(new BoundedChannelOptions(capacity)
        {
            // Wait mode makes TryWrite return false when full (nothing waits: only TryWrite is used) so overflow is seen.
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>Changes dropped because the queue was full, since start.</summary>
    public long Overflows => Interlocked.Read(ref _overflows);

    /// <summary>Changes waiting.</summary>
    public int Count => _channel.Reader.Count;

    /// <inheritdoc />
    public void OnStored(in StickEntry entry) => Enqueue(LocalChange.Stored(entry, _time.GetTimestamp()));

    /// <inheritdoc />
    public void OnRemoved(string table, StickKey key) => Enqueue(LocalChange.Removed(table, key, _time.GetTimestamp()));

    /// <summary>The <see cref="IServerHealthReplica.Changed"/> handler.</summary>
    public void OnHealthChanged(ServerHealthEntry entry) => Enqueue(LocalChange.HealthChanged(entry, _time.GetTimestamp()));

    /// <summary>Takes one change; false when none is waiting.</summary>
    public bool TryDequeue(out LocalChange change) => _channel.Reader.TryRead(out change);

    /// <summary>Completes when a change is waiting (true) or the queue is completed (false).</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>True once after one or more changes were dropped (the caller then schedules snapshots).</summary>
    public bool TakeOverflow() => Interlocked.Exchange(ref _overflowPending, 0) != 0;

    /// <summary>Ends the queue: <see cref="WaitAsync"/> returns false once drained.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private void Enqueue(LocalChange change)
    {
        if (!_channel.Writer.TryWrite(change))
        {
            Interlocked.Increment(ref _overflows);
            Volatile.Write(ref _overflowPending, 1);
        }
    }
}
