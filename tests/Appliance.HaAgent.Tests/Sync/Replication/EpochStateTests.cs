using Appliance.HaAgent.Sync.Replication;

namespace Appliance.HaAgent.Tests.Sync.Replication;

public class EpochStateTests
{
    [Fact]
    public void BeginMastership_AfterObservingAPeersEpoch_TakesOneAbove()
    {
        var persisted = new List<long>();
        var epochs = new EpochState(persisted: 3, persist: persisted.Add);
        epochs.Observe(7);
        Assert.Equal(8, epochs.BeginMastership());
        Assert.Equal(8, epochs.Own);
        Assert.Equal([7L, 8L], persisted);
    }

    [Fact]
    public void TryAccept_OlderEpochAfterNewer_IsRefusedWithBothNamed()
    {
        var epochs = new EpochState();
        Assert.True(epochs.TryAccept(5, "lb1", out _));
        Assert.False(epochs.TryAccept(4, "lb3", out var refusal));
        Assert.Equal("epoch 4 of lb3 is older than epoch 5 of lb1", refusal);
        Assert.Equal((5L, "lb1"), epochs.Accepted);
    }

    [Fact]
    public void TryAccept_SameEpochOtherNode_OrdersByName()
    {
        var epochs = new EpochState();
        Assert.True(epochs.TryAccept(5, "lb2", out _));
        Assert.False(epochs.TryAccept(5, "lb1", out _));
        Assert.True(epochs.TryAccept(5, "lb3", out _));
        Assert.True(epochs.TryAccept(5, "lb3", out _));
    }
}
