using Appliance.Contracts;
using Appliance.HaAgent.Sync.Node;
using Appliance.Host.Switchover;
using Appliance.Host.Sync;
using Appliance.Host.Tests.Switchover;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Sync;

public sealed class SwitchoverTakeoverHandlerTests
{
    [Fact]
    public async Task TakeOverAsync_Backup_RunsAtTakeoverPriorityForTheMastersHold()
    {
        var agent = new FakeSwitchoverAgent { Role = HaRole.Backup };
        var handler = new SwitchoverTakeoverHandler("lb2", new SwitchoverCoordinator(() => agent, new FakeTimeProvider()));

        var result = await handler.TakeOverAsync(new TakeoverRequest("lb1", 3, 42, CaughtUp: true, Hold: TimeSpan.FromSeconds(90)), CancellationToken.None);

        Assert.True(result.Accepted, result.Detail);
        Assert.Equal("lb2", result.Node);
        Assert.Equal([$"override {SwitchoverCoordinator.TakeoverPriority} 00:01:30"], agent.Calls);
    }

    [Fact]
    public async Task ReleaseAsync_AfterTakeover_EndsTheOverride()
    {
        var agent = new FakeSwitchoverAgent { Role = HaRole.Backup };
        var handler = new SwitchoverTakeoverHandler("lb2", new SwitchoverCoordinator(() => agent, new FakeTimeProvider()));
        await handler.TakeOverAsync(new TakeoverRequest("lb1", 3, 42, CaughtUp: true), CancellationToken.None);

        var result = await handler.ReleaseAsync("lb1", CancellationToken.None);

        Assert.True(result.Accepted, result.Detail);
        Assert.Equal("lb2", result.Node);
        Assert.StartsWith("released: no hold, no priority override; BACKUP at priority ", result.Detail, StringComparison.Ordinal);
        Assert.Equal("release", agent.Calls[^1]);
    }

    [Fact]
    public async Task TakeOverAsync_NotStarted_IsRefusedWithoutChangingPriority()
    {
        var agent = new FakeSwitchoverAgent { Role = HaRole.Initialize };
        var handler = new SwitchoverTakeoverHandler("lb2", new SwitchoverCoordinator(() => agent, new FakeTimeProvider()));

        var result = await handler.TakeOverAsync(new TakeoverRequest("lb1", 3, 42, CaughtUp: true), CancellationToken.None);

        Assert.False(result.Accepted);
        Assert.Empty(agent.Calls);
    }
}
