using Appliance.Contracts;
using Appliance.HaAgent.Events;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Events;

public sealed class RoleEventStreamTests
{
    [Fact]
    public void Publish_MoreThanCapacity_KeepsTheLatestInOrder()
    {
        var stream = new RoleEventStream();
        for (var i = 0; i < RoleEventStream.Capacity + 10; i++)
        {
            stream.Publish(Change(stream.NextSequence()));
        }

        Assert.Equal(RoleEventStream.Capacity, stream.Recent.Count);
        Assert.Equal(11, stream.Recent[0].Sequence);
        Assert.Equal(RoleEventStream.Capacity + 10, stream.Recent[^1].Sequence);
    }

    [Fact]
    public void Subscribe_SlowReader_DropsOldestAndSequenceShowsTheGap()
    {
        var stream = new RoleEventStream();
        var reader = stream.Subscribe();
        for (var i = 0; i < RoleEventStream.Capacity + 1; i++)
        {
            stream.Publish(Change(stream.NextSequence()));
        }

        Assert.True(reader.TryRead(out var first));
        Assert.Equal(2, first.Sequence);
    }

    [Fact]
    public void StateWord_EachRole_KeepalivedWords()
    {
        Assert.Equal(["STOP", "BACKUP", "MASTER"], new[] { HaRole.Initialize, HaRole.Backup, HaRole.Master }.Select(RoleChangeEvent.StateWord));
    }

    private static RoleChangeEvent Change(long sequence) =>
        new(sequence, "vrid51", HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown, 100, DateTimeOffset.UnixEpoch);
}
