using System.Threading.Channels;

namespace Appliance.HaAgent.Events;

/// <summary>
/// The ordered stream of role changes: the last <see cref="Capacity"/> kept in memory for inspection, and each change
/// delivered in order to every subscriber's bounded queue. Publishing never blocks the driver thread: a subscriber
/// that falls <see cref="Capacity"/> events behind loses the oldest (the sequence numbers show the gap).
/// </summary>
public sealed class RoleEventStream
{
    /// <summary>Events kept, and the queue length of each subscriber: 256, far more than a healthy pair produces.</summary>
    public const int Capacity = 256;

    private readonly object _gate = new();
    private readonly Queue<RoleChangeEvent> _recent = new(Capacity);
    private readonly List<Channel<RoleChangeEvent>> _subscribers = [];
    private long _sequence;

    /// <summary>The next sequence number (called by the publisher before building the event).</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>The kept events, oldest first.</summary>
    public IReadOnlyList<RoleChangeEvent> Recent
    {
        get
        {
            lock (_gate)
            {
                return [.. _recent];
            }
        }
    }

    /// <summary>Appends <paramref name="change"/> and hands it to every subscriber.</summary>
    public void Publish(RoleChangeEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            if (_recent.Count == Capacity)
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(change);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(change);
            }
        }
    }

    /// <summary>A reader of every event published from now on, in order.</summary>
    public ChannelReader<RoleChangeEvent> Subscribe()
    {
        var channel = Channel.CreateBounded<RoleChangeEvent>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        lock (_gate)
        {
            _subscribers.Add(channel);
        }

        return channel.Reader;
    }

    /// <summary>Ends every subscription once its queued events are read.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryComplete();
            }
        }
    }
}
