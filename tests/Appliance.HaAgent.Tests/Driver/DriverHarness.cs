using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Driver;
using Appliance.HaAgent.Events;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Tracking;
using Appliance.HaAgent.Vrrp;
using Appliance.Tests.Common;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.HaAgent.Tests.Driver;

/// <summary>
/// A driver for VRID 51 at 10.0.0.10 on a fake clock with fake seams. Time moves only through <see cref="AdvanceAsync"/>,
/// which waits for the driver loop to finish its pass at the new time (<see cref="VrrpDriver.SettleAsync"/>).
/// </summary>
internal sealed class DriverHarness : IAsyncDisposable
{
    public static readonly Ipv4Address Local = Vrrp.PacketSamples.Ip("10.0.0.10");
    public static readonly Ipv4Address Peer = Vrrp.PacketSamples.Ip("10.0.0.20");
    public static readonly InterfaceAddress Vip = new("eth0", Vrrp.PacketSamples.Ip("10.0.0.100"), 24);

    public DriverHarness(
        byte priority = 100,
        GarpConfig? garp = null,
        IReadOnlyList<ITracker>? trackers = null,
        IReadOnlyList<Ipv4Address>? unicastPeers = null,
        IReadOnlyList<InterfaceAddress>? vips = null)
    {
        var start = Clock.GetTimestamp();
        Transport = new FakeTransport(Local);
        Vips = new FakeVipManager(Clock);
        Garp = new FakeGarpSender(Clock, start);
        var options = new VrrpDriverOptions(
            new VrrpInstanceOptions(51, Local, priority, 100),
            vips ?? [Vip],
            unicastPeers ?? [Ipv4Address.VrrpMulticast],
            garp ?? new GarpConfig(TimeSpan.Zero, 1, TimeSpan.Zero, TimeSpan.Zero),
            AllowedSources: unicastPeers is null ? null : new HashSet<Ipv4Address>(unicastPeers));
        Options = options;
        Driver = new VrrpDriver(options, Transport, Vips, Garp, trackers ?? [], Events, Clock, NullLogger.Instance);
        Subscription = Events.Subscribe();
    }

    public FakeTimeProvider Clock { get; } = new();

    /// <summary>The options the driver was created with (a reload test derives the new ones from them).</summary>
    public VrrpDriverOptions Options { get; }

    public FakeTransport Transport { get; }

    public FakeVipManager Vips { get; }

    public FakeGarpSender Garp { get; }

    public RoleEventStream Events { get; } = new();

    public System.Threading.Channels.ChannelReader<RoleChangeEvent> Subscription { get; }

    public VrrpDriver Driver { get; }

    public static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    public Task StartAsync() => Driver.StartAsync().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Moves the clock in steps of at most 10 ms so every deadline on the way fires at its own time.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        var step = Ms(10);
        while (by > TimeSpan.Zero)
        {
            var now = by < step ? by : step;
            Clock.Advance(now);
            by -= now;
            await Driver.SettleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Injects an advert and waits until the driver has handled it.</summary>
    public async Task ReceiveAsync(byte priority, Ipv4Address? from = null, int intervalCs = 100)
    {
        var accepted = Driver.Filter.Accepted;
        var dropped = Enum.GetValues<VrrpDropReason>().Sum(r => Driver.Filter.DropCount(r));
        Transport.Inject(from ?? Peer, 51, priority, Ipv4Address.VrrpMulticast, intervalCs);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Driver.Filter.Accepted == accepted && Enum.GetValues<VrrpDropReason>().Sum(r => Driver.Filter.DropCount(r)) == dropped)
        {
            Assert.True(DateTime.UtcNow < deadline, "the receive thread never handled the injected advert");
            await Task.Delay(1);
        }

        await Driver.SettleAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Becomes master by letting Master_Down_Interval (3.6 s at priority 100, 1 s adverts) pass.</summary>
    public async Task StartAsMasterAsync()
    {
        await StartAsync();
        await AdvanceAsync(Ms(3600));
        Assert.Equal(Contracts.HaRole.Master, Driver.Role);
    }

    /// <summary>The events published so far.</summary>
    public IReadOnlyList<RoleChangeEvent> Changes => Events.Recent;

    public async ValueTask DisposeAsync() => await Driver.DisposeAsync();
}
