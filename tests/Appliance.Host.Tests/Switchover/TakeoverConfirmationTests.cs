using Appliance.Contracts;
using Appliance.HaAgent.Net;
using Appliance.Host.Switchover;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Switchover;

/// <summary><c>appliance failover --to NODE</c> after the resignation: who is master, read over sync, must be NODE.</summary>
public sealed class TakeoverConfirmationTests
{
    private static readonly SwitchoverRequest ToLb3 = new("lb3", TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));
    private static readonly string[] Nodes = ["lb1", "lb2", "lb3"];
    private static readonly Ipv4Address Lb2Address = new(0x0AD5000C);
    private static readonly Ipv4Address Lb3Address = new(0x0AD5000D);

    private readonly FakeSwitchoverAgent _agent = new() { NextMaster = Lb3Address };
    private readonly FakeTimeProvider _time = new();
    private readonly SwitchoverCoordinator _coordinator;

    public TakeoverConfirmationTests() => _coordinator = new SwitchoverCoordinator(() => _agent, _time);

    [Fact]
    public async Task FailoverAsync_TargetSoleMaster_SucceedsNamingIt()
    {
        _coordinator.Takeover = new FakeCluster { Roles = _ => FakeCluster.MasterIs("lb3", Nodes) };

        var result = await _coordinator.FailoverAsync(ToLb3, CancellationToken.None);

        Assert.True(result.Succeeded, string.Join('\n', result.Lines));
        Assert.StartsWith("new master: lb3 (adverts from 10.213.0.13), first advert heard ", result.Lines[^1], StringComparison.Ordinal);
        Assert.EndsWith("; lb3 reports MASTER over sync, no other node does", result.Lines[^1], StringComparison.Ordinal);
        Assert.Equal(["resign 00:05:00"], _agent.Calls);
    }

    [Fact]
    public async Task FailoverAsync_AnotherNodeWinsAndStays_FailsNamingTheWinnerAndReleasesTheHold()
    {
        _agent.NextMaster = Lb2Address;
        var cluster = new FakeCluster { Roles = _ => FakeCluster.MasterIs("lb2", Nodes) };
        _coordinator.Takeover = cluster;

        var result = await DriveAsync(_coordinator.FailoverAsync(ToLb3, CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Equal("lb3 did not become master; lb2 did (adverts from 10.213.0.12; lb3 reports BACKUP) (for 900.0 ms)", result.Lines[^2]);
        Assert.StartsWith("recovery: released this node's hold so the election runs as configured again: this node is BACKUP at priority 150 ", result.Lines[^1], StringComparison.Ordinal);
        Assert.EndsWith("lb3's takeover override ended too (lb3: released: no hold, no priority override; BACKUP at priority 100)", result.Lines[^1], StringComparison.Ordinal);
        Assert.Equal(["resign 00:05:00", "release"], _agent.Calls);
        Assert.Equal(["lb3"], cluster.Releases);
        Assert.False(_agent.IsHeld);
        // It waited the settle time (4 advert intervals + 500 ms) before calling it: lb3 could still have preempted.
        Assert.True(cluster.RoleReads >= 9, $"{cluster.RoleReads} role reads");
    }

    [Fact]
    public async Task FailoverAsync_AnotherNodeWinsAndTargetUnreachableForRelease_SaysTargetKeepsItsOverride()
    {
        _agent.NextMaster = Lb2Address;
        var cluster = new FakeCluster
        {
            Roles = _ => FakeCluster.MasterIs("lb2", Nodes),
            ReleaseReply = new TakeoverReply(false, "lb3: Unavailable: connection refused"),
        };
        _coordinator.Takeover = cluster;

        var result = await DriveAsync(_coordinator.FailoverAsync(ToLb3, CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.EndsWith(
            "lb3 keeps its takeover override (priority 254 less any tracker penalty) for 300 s: ending it failed (lb3: Unavailable: connection refused); 'appliance failover --release' on lb3 ends it",
            result.Lines[^1], StringComparison.Ordinal);
        Assert.Equal(["lb3"], cluster.Releases);
    }

    [Fact]
    public async Task FailoverAsync_AnotherNodeFirstThenTarget_Succeeds()
    {
        // A lower backup wins the first election; lb3, at 254 and preempting, takes over after its Master_Down_Interval.
        _coordinator.Takeover = new FakeCluster { Roles = n => FakeCluster.MasterIs(n < 4 ? "lb2" : "lb3", Nodes) };

        var result = await DriveAsync(_coordinator.FailoverAsync(ToLb3, CancellationToken.None));

        Assert.True(result.Succeeded, string.Join('\n', result.Lines));
        Assert.StartsWith("new master: lb3 ", result.Lines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("release", _agent.Calls);
    }

    [Fact]
    public async Task FailoverAsync_TwoNodesReportMaster_FailsAfterSettling()
    {
        _coordinator.Takeover = new FakeCluster
        {
            Roles = _ => [new("lb1", HaRole.Backup, null), new("lb2", HaRole.Master, null), new("lb3", HaRole.Master, null)],
        };

        var result = await DriveAsync(_coordinator.FailoverAsync(ToLb3, CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Equal("lb3 is not the only master: lb2, lb3 report MASTER (adverts from 10.213.0.13; lb3 reports MASTER) (for 900.0 ms)", result.Lines[^2]);
        Assert.Contains("release", _agent.Calls);
    }

    [Fact]
    public async Task FailoverAsync_TargetUnreachableOverSync_FailsSayingWhy()
    {
        _coordinator.Takeover = new FakeCluster
        {
            Roles = _ => [new("lb1", HaRole.Backup, null), new("lb2", HaRole.Backup, null), new("lb3", null, "Unavailable: connection refused")],
        };

        var result = await DriveAsync(_coordinator.FailoverAsync(ToLb3, CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Equal(
            "lb3 did not become master: adverts from 10.213.0.13 are heard but no node reports MASTER over sync (lb3 cannot be asked: Unavailable: connection refused) (for 900.0 ms)",
            result.Lines[^2]);
    }

    [Fact]
    public async Task FailoverAsync_NoMasterHeardWithinTimeout_FailsAndReleasesTheHold()
    {
        _agent.NextMaster = null;
        _agent.MasterAgainWhenNobodyTakesOver = false;
        var cluster = new FakeCluster { Roles = _ => FakeCluster.MasterIs(null, Nodes) };
        _coordinator.Takeover = cluster;

        var result = await DriveAsync(_coordinator.FailoverAsync(ToLb3 with { Timeout = TimeSpan.FromSeconds(2) }, CancellationToken.None));

        Assert.False(result.Succeeded);
        Assert.Equal("lb3 did not become master: no master heard within 2 s", result.Lines[^2]);
        Assert.StartsWith("recovery: released this node's hold ", result.Lines[^1], StringComparison.Ordinal);
        Assert.Equal(["resign 00:05:00", "release"], _agent.Calls);
        Assert.Equal(0, cluster.RoleReads);
    }

    [Fact]
    public async Task FailoverAsync_NobodyTakesOver_SaysThisNodeIsMasterAgainWithoutRelease()
    {
        _agent.NextMaster = null;
        _coordinator.Takeover = new FakeCluster { Roles = _ => FakeCluster.MasterIs("lb1", Nodes) };

        var result = await _coordinator.FailoverAsync(ToLb3, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.StartsWith("lb3 did not become master: no backup took over, this node is MASTER again (", result.Lines[^1], StringComparison.Ordinal);
        Assert.Equal(["resign 00:05:00"], _agent.Calls);
    }

    [Fact]
    public void SettleTime_100msAdverts_FourIntervalsAndHalfASecond()
    {
        var confirmation = new TakeoverConfirmation(_agent, new FakeCluster(), _time);

        Assert.Equal(TimeSpan.FromMilliseconds(900), confirmation.SettleTime);
    }

    /// <summary>Moves the fake clock in 10 ms steps until <paramref name="task"/> completes (at most 60 s of fake time).</summary>
    private async Task<T> DriveAsync<T>(Task<T> task)
    {
        for (var step = 0; !task.IsCompleted && step < 6000; step++)
        {
            // Lets the coordinator's continuation run and arm its next delay before the clock moves again.
            await Task.Delay(1);
            _time.Advance(TimeSpan.FromMilliseconds(10));
        }

        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
