using Appliance.Contracts;
using Appliance.HaAgent.Vrrp;
using static Appliance.HaAgent.Tests.Driver.DriverHarness;

namespace Appliance.HaAgent.Tests.Driver;

/// <summary>The driver applies switchover commands on its own thread, on the fake clock.</summary>
public sealed class VrrpDriverSwitchoverTests
{
    [Fact]
    public async Task ResignAsync_Master_SendsPriorityZeroKeepsVipUntilNewMasterHeardAndStaysBackupWhileHeld()
    {
        await using var h = new DriverHarness(priority: 150);
        await h.StartAsync();
        await h.AdvanceAsync(Ms(3420));
        Assert.Equal(HaRole.Master, h.Driver.Role);

        var role = await h.Driver.ResignAsync(TimeSpan.FromSeconds(30)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HaRole.Backup, role);
        Assert.Equal(HaRole.Backup, h.Driver.Role);
        Assert.True(h.Driver.IsHeld);
        Assert.Equal((byte)0, h.Transport.SentPriorities[^1]);
        Assert.StartsWith("add", h.Vips.Calls[^1], StringComparison.Ordinal);
        Assert.Equal((HaRole.Master, HaRole.Backup, VrrpTransitionReason.Resigned), (h.Changes[^1].From, h.Changes[^1].To, h.Changes[^1].Reason));
        var garps = h.Driver.GarpsSent;

        // The new master's first advert starts the grace (2 × its 1 s interval); the VIP goes when it ends, not before.
        await h.ReceiveAsync(priority: 100);
        await h.AdvanceAsync(Ms(1990));
        Assert.StartsWith("add", h.Vips.Calls[^1], StringComparison.Ordinal);
        await h.AdvanceAsync(Ms(10));
        Assert.StartsWith("remove", h.Vips.Calls[^1], StringComparison.Ordinal);
        Assert.Equal(garps, h.Driver.GarpsSent);

        // The peer (priority 100) takes over; held, this priority-150 node accepts it instead of preempting.
        for (var i = 0; i < 10; i++)
        {
            await h.ReceiveAsync(priority: 100);
            await h.AdvanceAsync(Ms(1000));
        }

        Assert.Equal(HaRole.Backup, h.Driver.Role);
        Assert.Equal(Peer, h.Driver.MasterAddress);
    }

    [Fact]
    public async Task OverridePriorityAsync_Backup_PriorityChangesAndReleaseRestoresIt()
    {
        await using var h = new DriverHarness(priority: 100);
        await h.StartAsync();

        await h.Driver.OverridePriorityAsync(254, duration: null).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((byte)254, h.Driver.Priority);
        Assert.Equal((byte)254, h.Driver.PriorityOverride);

        await h.Driver.ReleaseAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((byte)100, h.Driver.Priority);
        Assert.Null(h.Driver.PriorityOverride);
    }

    [Fact]
    public async Task OverridePriorityAsync_OutOfRange_FaultsWithTheReason()
    {
        await using var h = new DriverHarness();
        await h.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Driver.OverridePriorityAsync(255, null).WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.StartsWith("an override priority is 1 to 254", error.Message, StringComparison.Ordinal);
        Assert.Equal((byte)100, h.Driver.Priority);
    }

    [Fact]
    public async Task ResignAsync_DriverNotStarted_Faults()
    {
        await using var h = new DriverHarness();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => h.Driver.ResignAsync(null));

        Assert.Equal("vrid51: the driver is not running", error.Message);
    }
}
