using Appliance.Contracts;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;
using static Appliance.HaAgent.Tests.Driver.DriverHarness;

namespace Appliance.HaAgent.Tests.Driver;

public sealed class VrrpDriverTests
{
    [Fact]
    public async Task Start_NoPeer_RemovesVipThenBecomesMasterAtMasterDownInterval()
    {
        await using var h = new DriverHarness();
        await h.StartAsync();
        Assert.Equal(HaRole.Backup, h.Driver.Role);
        Assert.Equal(["remove 10.0.0.100/24 dev eth0 at 00.000"], h.Vips.Calls);

        // Master_Down_Interval at priority 100 and 1 s adverts: 3 s + Skew_Time 0.6 s (RFC 5798 §6.1).
        await h.AdvanceAsync(Ms(3590));
        Assert.Equal(HaRole.Backup, h.Driver.Role);
        Assert.Empty(h.Transport.Sent);

        await h.AdvanceAsync(Ms(10));
        Assert.Equal(HaRole.Master, h.Driver.Role);
        Assert.Equal(["remove 10.0.0.100/24 dev eth0 at 00.000", "add 10.0.0.100/24 dev eth0 at 03.600"], h.Vips.Calls);
        Assert.Equal([(byte)100], h.Transport.SentPriorities);
        Assert.Single(h.Garp.Frames);
        Assert.Equal(
            [(HaRole.Initialize, HaRole.Backup, VrrpTransitionReason.StartupAsBackup), (HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown)],
            h.Changes.Select(c => (c.From, c.To, c.Reason)));
    }

    [Fact]
    public async Task Master_AdverTimer_SendsOneValidAdvertPerIntervalToTheGroup()
    {
        await using var h = new DriverHarness();
        await h.StartAsMasterAsync();
        await h.AdvanceAsync(Ms(990));
        Assert.Single(h.Transport.Sent);

        await h.AdvanceAsync(Ms(10));
        await h.AdvanceAsync(Ms(1000));
        Assert.Equal(3, h.Transport.Sent.Count);
        foreach (var (message, destination) in h.Transport.Sent)
        {
            Assert.Equal(Ipv4Address.VrrpMulticast, destination);
            Assert.True(VrrpPacket.TryParse(message, Local, destination, out var packet, out var reason), reason.ToString());
            Assert.Equal((51, 100, 100), (packet.VirtualRouterId, packet.Priority, packet.MaxAdverIntervalCs));
        }
    }

    [Fact]
    public async Task BecomeMaster_GarpConfig_BurstSpacedByIntervalThenSecondBurstAfterDelay()
    {
        var garp = new GarpConfig(MasterDelay: TimeSpan.FromSeconds(2), MasterRepeat: 3, Interval: Ms(20), MasterRefresh: TimeSpan.Zero);
        await using var h = new DriverHarness(garp: garp);
        await h.StartAsMasterAsync();
        await h.AdvanceAsync(Ms(100));
        Assert.Equal([Ms(3600), Ms(3620), Ms(3640)], h.Garp.Frames.Select(f => f.At));

        await h.AdvanceAsync(Ms(2000));
        Assert.Equal([Ms(3600), Ms(3620), Ms(3640), Ms(5600), Ms(5620), Ms(5640)], h.Garp.Frames.Select(f => f.At));
        Assert.All(h.Garp.Frames, f => Assert.Equal(("eth0", Vip.Address), (f.Device, f.Address)));
    }

    [Fact]
    public async Task Master_LowerPriorityMasterHeard_AdvertisesAtOnceAndSendsFreshGarpBurst()
    {
        await using var h = new DriverHarness(priority: 200);
        await h.StartAsync();
        await h.AdvanceAsync(Ms(3250)); // priority 200: 3 s + Skew_Time 0.21 s, in 10 ms steps
        Assert.Equal(HaRole.Master, h.Driver.Role);
        var adverts = h.Transport.Sent.Count;
        var garps = h.Garp.Frames.Count;

        await h.ReceiveAsync(priority: 100);
        Assert.Equal(HaRole.Master, h.Driver.Role);
        Assert.Equal(adverts + 1, h.Transport.Sent.Count);
        Assert.Equal(garps + 1, h.Garp.Frames.Count);
    }

    [Fact]
    public async Task Backup_PriorityZeroAdvert_TakesOverAfterSkewTime()
    {
        await using var h = new DriverHarness();
        await h.StartAsync();
        await h.ReceiveAsync(priority: 200);
        await h.AdvanceAsync(Ms(1000));
        await h.ReceiveAsync(priority: 0);

        // Skew_Time at priority 100 and 1 s: 0.6 s (RFC 5798 §6.4.2), not the 3.6 s Master_Down_Interval.
        await h.AdvanceAsync(Ms(590));
        Assert.Equal(HaRole.Backup, h.Driver.Role);
        await h.AdvanceAsync(Ms(10));
        Assert.Equal(HaRole.Master, h.Driver.Role);
    }

    [Fact]
    public async Task Stop_AsMaster_SendsPriorityZeroThenRemovesVipAndPublishesShutdown()
    {
        await using var h = new DriverHarness();
        await h.StartAsMasterAsync();
        await h.Driver.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([(byte)100, (byte)0], h.Transport.SentPriorities);
        Assert.StartsWith("remove", h.Vips.Calls[^1], StringComparison.Ordinal);
        Assert.Equal((HaRole.Master, HaRole.Initialize, VrrpTransitionReason.Shutdown), (h.Changes[^1].From, h.Changes[^1].To, h.Changes[^1].Reason));
        Assert.Equal(HaRole.Initialize, h.Driver.Role);
    }

    [Fact]
    public async Task Tracker_FailsWhileMaster_NextAdvertCarriesPriorityMinusWeightAndHealingRestoresIt()
    {
        var tracker = new FakeTracker("interface eth0", 60);
        await using var h = new DriverHarness(trackers: [tracker]);
        await h.StartAsMasterAsync();

        tracker.Set(healthy: false);
        await h.AdvanceAsync(Ms(1000));
        Assert.Equal(40, h.Driver.Priority);
        Assert.Equal((byte)40, h.Transport.SentPriorities[^1]);

        tracker.Set(healthy: true);
        await h.AdvanceAsync(Ms(1000));
        Assert.Equal((byte)100, h.Transport.SentPriorities[^1]);
    }

    [Fact]
    public async Task Tracker_FailedBeforeStart_StartsWithLoweredPriority()
    {
        var tracker = new FakeTracker("script chk", 30);
        tracker.Set(healthy: false);
        await using var h = new DriverHarness(trackers: [tracker]);
        await h.StartAsync();
        Assert.Equal(70, h.Driver.Priority);
    }

    [Fact]
    public async Task Receive_UnicastFromStranger_DroppedAsNotAPeerAndIgnored()
    {
        var peer = Vrrp.PacketSamples.Ip("10.0.0.30");
        await using var h = new DriverHarness(unicastPeers: [peer]);
        await h.StartAsync();
        await h.ReceiveAsync(priority: 0, from: Peer);

        Assert.Equal(1, h.Driver.Filter.DropCount(VrrpDropReason.NotAPeer));
        await h.AdvanceAsync(Ms(3600));
        Assert.Equal(HaRole.Master, h.Driver.Role);
        Assert.All(h.Transport.Sent, s => Assert.Equal(peer, s.Destination));
    }

    [Fact]
    public async Task Events_Failover_DeliveredToSubscriberInOrderWithSequence()
    {
        await using var h = new DriverHarness(priority: 100);
        await h.StartAsMasterAsync();
        await h.ReceiveAsync(priority: 200);
        await h.Driver.StopAsync();
        h.Events.Complete();

        var delivered = new List<(long, HaRole)>();
        await foreach (var change in h.Subscription.ReadAllAsync())
        {
            delivered.Add((change.Sequence, change.To));
        }

        Assert.Equal([(1L, HaRole.Backup), (2L, HaRole.Master), (3L, HaRole.Backup), (4L, HaRole.Initialize)], delivered);
        Assert.Equal("vrid51: role MASTER -> BACKUP (HigherPriorityAdvert) priority 100 peer 10.0.0.20 priority 200", h.Changes[2].ToString());
    }
}
