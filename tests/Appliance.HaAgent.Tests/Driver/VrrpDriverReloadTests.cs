using Appliance.Contracts;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Tracking;
using Appliance.HaAgent.Vrrp;
using static Appliance.HaAgent.Tests.Driver.DriverHarness;

namespace Appliance.HaAgent.Tests.Driver;

/// <summary><see cref="Appliance.HaAgent.Driver.VrrpDriver.ReconfigureAsync"/> on a running driver (fake clock, fake seams).</summary>
public sealed class VrrpDriverReloadTests
{
    private static readonly InterfaceAddress Vip2 = new("eth0", Vrrp.PacketSamples.Ip("10.0.0.101"), 24);

    [Fact]
    public async Task Reload_MasterPriorityLowered_NextAdvertCarriesItAndAHigherPeerTakesOver()
    {
        await using var h = new DriverHarness(priority: 150);
        await h.StartAsMasterAsync();
        var next = h.Options with { Instance = h.Options.Instance with { Priority = 50 } };

        Assert.Equal(HaRole.Master, await h.Driver.ReconfigureAsync(next, []).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(50, h.Driver.Priority);
        var sent = h.Transport.Sent.Count;
        await h.AdvanceAsync(Ms(1000));
        Assert.Equal([(byte)50], h.Transport.SentPriorities.Skip(sent));

        // The backup at 100 preempts (RFC 5798 §6.4.2) and advertises; this master steps down and drops the VIP.
        await h.ReceiveAsync(priority: 100);
        Assert.Equal(HaRole.Backup, h.Driver.Role);
        Assert.Equal(VrrpTransitionReason.HigherPriorityAdvert, h.Changes[^1].Reason);
        Assert.StartsWith("remove 10.0.0.100/24 dev eth0", h.Vips.Calls[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_MasterVipAddedAndOneDropped_DroppedRemovedNewAddedAnnouncedAndAdvertised()
    {
        await using var h = new DriverHarness();
        await h.StartAsMasterAsync();
        var calls = h.Vips.Calls.Count;
        var garps = h.Garp.Frames.Count;

        await h.Driver.ReconfigureAsync(h.Options with { VirtualAddresses = [Vip2] }, []).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["remove 10.0.0.100/24 dev eth0 at 03.600", "add 10.0.0.101/24 dev eth0 at 03.600"], h.Vips.Calls.Skip(calls));
        Assert.Equal([Vip2.Address], h.Garp.Frames.Skip(garps).Select(f => f.Address));
        await h.AdvanceAsync(Ms(1000));
        var (message, destination) = h.Transport.Sent[^1];
        Assert.True(VrrpPacket.TryParse(message, Local, destination, out var packet, out var reason), reason.ToString());
        Assert.Equal(Vip2.Address.Value, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet.Addresses));

        // Leaving master removes the addresses it now has.
        await h.Driver.StopAsync();
        Assert.StartsWith("remove 10.0.0.101/24 dev eth0", h.Vips.Calls[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_BackupVipAdded_NotAddedUntilItBecomesMaster()
    {
        await using var h = new DriverHarness();
        await h.StartAsync();
        await h.AdvanceAsync(Ms(1000));

        await h.Driver.ReconfigureAsync(h.Options with { VirtualAddresses = [Vip, Vip2] }, []).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["remove 10.0.0.100/24 dev eth0 at 00.000"], h.Vips.Calls);

        await h.AdvanceAsync(Ms(2600));
        Assert.Equal(HaRole.Master, h.Driver.Role);
        Assert.Equal("add 10.0.0.100/24 dev eth0,10.0.0.101/24 dev eth0 at 03.600", h.Vips.Calls[^1]);
    }

    [Fact]
    public async Task Reload_MasterAdvertIntervalShortened_NextAdvertWithinTheNewIntervalCarriesIt()
    {
        await using var h = new DriverHarness();
        await h.StartAsMasterAsync();
        var sent = h.Transport.Sent.Count;

        await h.Driver.ReconfigureAsync(h.Options with { Instance = h.Options.Instance with { AdvertisementIntervalCs = 20 } }, [])
            .WaitAsync(TimeSpan.FromSeconds(10));
        await h.AdvanceAsync(Ms(200));
        Assert.Equal(sent + 1, h.Transport.Sent.Count);
        await h.AdvanceAsync(Ms(400));
        Assert.Equal(sent + 3, h.Transport.Sent.Count);
        var (message, destination) = h.Transport.Sent[^1];
        Assert.True(VrrpPacket.TryParse(message, Local, destination, out var packet, out _));
        Assert.Equal(20, packet.MaxAdverIntervalCs);
    }

    [Fact]
    public async Task Reload_FailedTrackerAddedAndLaterRemoved_PriorityFollows()
    {
        var old = new FakeTracker("old", 30);
        await using var h = new DriverHarness(trackers: [old]);
        await h.StartAsync();
        var link = new FakeTracker("eth9", 40);
        link.Set(false);

        await h.Driver.ReconfigureAsync(h.Options, [link]).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(60, h.Driver.Priority);

        // The dropped tracker no longer counts, the kept one still does.
        old.Set(false);
        await h.AdvanceAsync(Ms(10));
        Assert.Equal(60, h.Driver.Priority);
        link.Set(true);
        await h.AdvanceAsync(Ms(10));
        Assert.Equal(100, h.Driver.Priority);
    }

    [Fact]
    public async Task Reload_UnicastPeersChanged_AdvertsGoToTheNewPeersAndOnlyTheyAreAccepted()
    {
        var second = Vrrp.PacketSamples.Ip("10.0.0.30");
        await using var h = new DriverHarness(unicastPeers: [Peer]);
        await h.StartAsMasterAsync();

        await h.Driver.ReconfigureAsync(
            h.Options with { Destinations = [second], AllowedSources = new HashSet<Ipv4Address> { second } }, []).WaitAsync(TimeSpan.FromSeconds(10));
        await h.AdvanceAsync(Ms(1000));
        Assert.Equal(second, h.Transport.Sent[^1].Destination);

        await h.ReceiveAsync(priority: 200, from: Peer);
        Assert.Equal(1, h.Driver.Filter.DropCount(VrrpDropReason.NotAPeer));
        Assert.Equal(HaRole.Master, h.Driver.Role);
    }

    [Fact]
    public async Task Reload_OtherVrid_RefusedWithNothingChanged()
    {
        await using var h = new DriverHarness();
        await h.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => h.Driver.ReconfigureAsync(h.Options with { Instance = h.Options.Instance with { VirtualRouterId = 52 } }, []));
        Assert.Contains("restart", error.Message, StringComparison.Ordinal);
        Assert.Same(h.Options, h.Driver.Options);
    }
}
