using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Replication;

namespace Appliance.HaAgent.Tests.Sync.Replication;

public class ReplicationLogTests
{
    private static LocalChange Change(string key, long at = 0) =>
        LocalChange.Stored(new StickEntry("web", new StickKey(StickKeyType.Ipv4, key), "s1", TimeSpan.FromMinutes(1)), at);

    [Fact]
    public void Append_ThreeChanges_NumbersThemFromOneWithoutGaps()
    {
        var log = new ReplicationLog(10);
        Assert.Equal(1, log.Append(Change("10.0.0.1")));
        Assert.Equal(2, log.Append(Change("10.0.0.2")));
        Assert.Equal(3, log.Append(Change("10.0.0.3")));
        Assert.Equal(3, log.Head);
        Assert.Equal(1, log.Oldest);
    }

    [Fact]
    public void TryRead_AfterPosition_ReturnsTheFollowingChangesUpToMax()
    {
        var log = new ReplicationLog(10);
        for (var i = 1; i <= 5; i++)
        {
            log.Append(Change($"10.0.0.{i}"));
        }

        var read = new List<SequencedChange>();
        Assert.True(log.TryRead(1, 3, read));
        Assert.Equal([2L, 3L, 4L], read.Select(c => c.Sequence));
        Assert.Equal("10.0.0.2", read[0].Change.Entry.Key.Value);
        Assert.True(log.TryRead(5, 3, read));
        Assert.Empty(read);
    }

    [Fact]
    public void TryRead_ReaderFurtherBehindThanCapacity_FailsSoItGetsASnapshot()
    {
        var log = new ReplicationLog(4);
        for (var i = 1; i <= 10; i++)
        {
            log.Append(Change($"10.0.0.{i}"));
        }

        var read = new List<SequencedChange>();
        Assert.Equal(7, log.Oldest);
        Assert.False(log.TryRead(5, 10, read));
        Assert.True(log.TryRead(6, 10, read));
        Assert.Equal([7L, 8L, 9L, 10L], read.Select(c => c.Sequence));
    }

    [Fact]
    public void TimestampOf_EvictedOrFutureSequence_IsNull()
    {
        var log = new ReplicationLog(2);
        log.Append(Change("10.0.0.1", at: 100));
        log.Append(Change("10.0.0.2", at: 200));
        log.Append(Change("10.0.0.3", at: 300));
        Assert.Null(log.TimestampOf(1));
        Assert.Equal(200, log.TimestampOf(2));
        Assert.Equal(300, log.TimestampOf(3));
        Assert.Null(log.TimestampOf(4));
    }
}
