using Appliance.Contracts;
using Appliance.Host.Switchover;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Switchover;

public sealed class SwitchoverCoordinatorTests
{
    private static readonly SwitchoverRequest Plain = new(null, TimeSpan.FromSeconds(30), null);

    private readonly FakeSwitchoverAgent _agent = new();
    private readonly SwitchoverCoordinator _coordinator;

    public SwitchoverCoordinatorTests() => _coordinator = new SwitchoverCoordinator(() => _agent, new FakeTimeProvider());

    [Fact]
    public async Task FailoverAsync_MasterWithoutSyncService_SaysNothingToDrainResignsAndReportsNewMaster()
    {
        var result = await _coordinator.FailoverAsync(Plain with { Hold = TimeSpan.FromMinutes(10) }, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join('\n', result.Lines));
        Assert.Equal("drain: no sync peers: nothing to drain", result.Lines[0]);
        Assert.StartsWith("resigned: priority-0 advert sent, VIPs kept until the new master is heard; BACKUP ", result.Lines[1], StringComparison.Ordinal);
        Assert.Equal("hold: no preemption for 600 s (end it with 'appliance failover --release')", result.Lines[2]);
        Assert.StartsWith("new master: 10.213.0.12, first advert heard ", result.Lines[3], StringComparison.Ordinal);
        Assert.Equal(["resign 00:10:00"], _agent.Calls);
    }

    [Fact]
    public async Task FailoverAsync_Backup_RefusesNamingTheMaster()
    {
        _agent.Role = HaRole.Backup;
        _agent.MasterAddress = new HaAgent.Net.Ipv4Address(0x0AD5000B);

        var result = await _coordinator.FailoverAsync(Plain, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(["this node is BACKUP (the master is 10.213.0.11): run 'appliance failover' on the master"], result.Lines);
        Assert.Empty(_agent.Calls);
    }

    [Fact]
    public async Task FailoverAsync_NoHaSection_Refuses()
    {
        var coordinator = new SwitchoverCoordinator(() => null, new FakeTimeProvider());

        var result = await coordinator.FailoverAsync(Plain, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(["no ha section on this node: there is no virtual address to move"], result.Lines);
    }

    [Fact]
    public async Task FailoverAsync_ToNodeWithoutSyncService_FailsAndStaysMaster()
    {
        var result = await _coordinator.FailoverAsync(Plain with { ToNode = "lb2" }, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("--to lb2: no sync service runs on this node, so lb2 cannot be asked to take over: still master, nothing changed", result.Lines[^1]);
        Assert.Empty(_agent.Calls);
        Assert.Equal(HaRole.Master, _agent.Role);
    }

    [Fact]
    public async Task FailoverAsync_ToNodeRefused_FailsWithItsReasonAndStaysMaster()
    {
        var takeover = new FakeCluster { Reply = new TakeoverReply(false, "unknown node 'lb9' (sync peers: lb2)") };
        _coordinator.Takeover = takeover;

        var result = await _coordinator.FailoverAsync(Plain with { ToNode = "lb9" }, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("--to lb9: unknown node 'lb9' (sync peers: lb2): still master, nothing changed", result.Lines[^1]);
        Assert.Empty(_agent.Calls);
    }

    [Fact]
    public async Task FailoverAsync_DrainAndTakeoverAccepted_AsksThenResignsInOrder()
    {
        var takeover = new FakeCluster { Roles = _ => FakeCluster.MasterIs("lb3", "lb1", "lb2", "lb3") };
        _coordinator.Takeover = takeover;
        _coordinator.Drain = new FakeDrain(peers: 2, drained: true);

        var result = await _coordinator.FailoverAsync(Plain with { ToNode = "lb3" }, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join('\n', result.Lines));
        Assert.StartsWith("drain: 2 sync peer(s) at lag 0 after ", result.Lines[0], StringComparison.Ordinal);
        Assert.Equal("takeover: lb3: backup now at priority 254 until released", result.Lines[1]);
        Assert.StartsWith("resigned: ", result.Lines[2], StringComparison.Ordinal);
        Assert.Equal([("lb3", (TimeSpan?)null)], takeover.Requests);
    }

    [Fact]
    public async Task FailoverAsync_LagNotZero_FailsAndStaysMaster()
    {
        _coordinator.Drain = new FakeDrain(peers: 1, drained: false);

        var result = await _coordinator.FailoverAsync(Plain with { Timeout = TimeSpan.FromSeconds(5) }, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(["drain: replication lag to 1 sync peer(s) did not reach 0 within 5 s: still master, nothing changed"], result.Lines);
        Assert.Empty(_agent.Calls);
    }

    [Fact]
    public async Task FailoverAsync_NobodyTakesOver_ReportsMasterAgain()
    {
        _agent.NextMaster = null;

        var result = await _coordinator.FailoverAsync(Plain, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("no backup took over: this node is MASTER again", result.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptTakeoverAsync_Backup_OverridesToTakeoverPriority()
    {
        _agent.Role = HaRole.Backup;

        var reply = await _coordinator.AcceptTakeoverAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(new TakeoverReply(true, "backup now at priority 254 for 60 s"), reply);
        Assert.Equal(["override 254 00:01:00"], _agent.Calls);
    }

    [Fact]
    public async Task ReleaseAsync_Held_EndsHoldAndOverride()
    {
        _agent.IsHeld = true;

        var result = await _coordinator.ReleaseAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(["release"], _agent.Calls);
        Assert.False(_agent.IsHeld);
    }

    [Fact]
    public async Task GiveUpAsync_Master_ResignsHeldUntilReleased()
    {
        Assert.True(await _coordinator.GiveUpAsync());

        Assert.Equal(["resign until released"], _agent.Calls);
    }

    [Fact]
    public async Task GiveUpAsync_NoHaSection_False()
    {
        var coordinator = new SwitchoverCoordinator(() => null, new FakeTimeProvider());

        Assert.False(await coordinator.GiveUpAsync());
    }

    private sealed class FakeDrain(int peers, bool drained) : IReplicationDrain
    {
        public int PeerCount => peers;

        public Task<bool> WaitForZeroLagAsync(CancellationToken cancellationToken) => Task.FromResult(drained);
    }
}
