using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Replication;
using Appliance.Tests.Common;

namespace Appliance.HaAgent.Tests.Sync.Replication;

public class ChangeQueueTests
{
    [Fact]
    public void OnStored_QueueFull_DropsCountsAndFlagsOverflowWithoutBlocking()
    {
        var queue = new ChangeQueue(2, new FakeTimeProvider());
        var entry = new StickEntry("web", new StickKey(StickKeyType.Ipv4, "10.0.0.1"), "s1", TimeSpan.FromMinutes(1));
        queue.OnStored(entry);
        queue.OnStored(entry);
        queue.OnStored(entry);
        queue.OnRemoved("web", entry.Key);

        Assert.Equal(2, queue.Count);
        Assert.Equal(2, queue.Overflows);
        Assert.True(queue.TakeOverflow());
        Assert.False(queue.TakeOverflow());
    }

    [Fact]
    public void TryDequeue_ChangesOfEachKind_KeepOrderKindAndTimestamp()
    {
        var time = new FakeTimeProvider();
        var queue = new ChangeQueue(10, time);
        var key = new StickKey(StickKeyType.Text, "JSESSIONID=abc");
        queue.OnStored(new StickEntry("app", key, "s2", TimeSpan.FromMinutes(5)));
        time.Advance(TimeSpan.FromMilliseconds(7));
        queue.OnRemoved("app", key);
        queue.OnHealthChanged(new ServerHealthEntry("app", "s2", ServerStatus.Down, "L4CON"));

        Assert.True(queue.TryDequeue(out var stored));
        Assert.True(queue.TryDequeue(out var removed));
        Assert.True(queue.TryDequeue(out var health));
        Assert.False(queue.TryDequeue(out _));
        Assert.Equal((ChangeKind.Stored, "s2"), (stored.Kind, stored.Entry.Server));
        Assert.Equal((ChangeKind.Removed, "app", key), (removed.Kind, removed.Entry.Table, removed.Entry.Key));
        Assert.Equal(TimeSpan.FromMilliseconds(7), time.GetElapsedTime(stored.Timestamp, removed.Timestamp));
        Assert.Equal(ServerStatus.Down, health.Health!.Status);
    }
}
