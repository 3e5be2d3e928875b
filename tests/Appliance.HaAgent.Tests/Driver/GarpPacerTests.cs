using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Driver;
using Appliance.HaAgent.Net;
using static Appliance.HaAgent.Tests.Driver.DriverHarness;

namespace Appliance.HaAgent.Tests.Driver;

public sealed class GarpPacerTests
{
    private static readonly InterfaceAddress A = new("eth0", Vrrp.PacketSamples.Ip("10.0.0.100"), 24);
    private static readonly InterfaceAddress B = new("eth0", Vrrp.PacketSamples.Ip("10.0.0.101"), 24);
    private static readonly InterfaceAddress C = new("eth1", Vrrp.PacketSamples.Ip("10.1.0.100"), 24);

    [Fact]
    public void Burst_TwoAddressesOneInterface_FramesAlternateAndAreSpacedByInterval()
    {
        var pacer = new GarpPacer([A, B], new GarpConfig(TimeSpan.Zero, 2, Ms(10), TimeSpan.Zero));
        pacer.Burst(Ms(0));

        Assert.Equal([A, B, A, B], Drain(pacer, Ms(0), Ms(10), Ms(20), Ms(30)).Select(f => f.Frame));
        Assert.Equal([Ms(0), Ms(10), Ms(20), Ms(30)], Drain(Replay([A, B]), Ms(0), Ms(10), Ms(20), Ms(30)).Select(f => f.At));
        Assert.Null(pacer.NextDeadline);
    }

    [Fact]
    public void Burst_TwoInterfaces_EachPacedOnItsOwn()
    {
        var pacer = new GarpPacer([A, C], new GarpConfig(TimeSpan.Zero, 1, Ms(10), TimeSpan.Zero));
        pacer.Burst(Ms(0));
        Assert.True(pacer.TryTakeDue(Ms(0), out var first));
        Assert.True(pacer.TryTakeDue(Ms(0), out var second));
        Assert.Equal([A, C], new[] { first!, second! });
    }

    [Fact]
    public void Burst_RequestedMidBurst_RestartsCountWithoutExceedingRate()
    {
        var pacer = new GarpPacer([A], new GarpConfig(TimeSpan.Zero, 3, Ms(10), TimeSpan.Zero));
        pacer.Burst(Ms(0));
        Assert.True(pacer.TryTakeDue(Ms(0), out _));
        pacer.Burst(Ms(5));

        Assert.False(pacer.TryTakeDue(Ms(5), out _));
        Assert.Equal(Ms(10), pacer.NextDeadline);
        Assert.Equal(3, pacer.Pending);
    }

    [Fact]
    public void BecameMaster_DelayAndRefresh_SecondBurstThenPeriodicBursts()
    {
        var pacer = new GarpPacer([A], new GarpConfig(Ms(500), 1, TimeSpan.Zero, Ms(2000)));
        pacer.BecameMaster(Ms(0));
        var sent = Drain(pacer, Ms(0), Ms(499), Ms(500), Ms(1999), Ms(2000), Ms(4000)).Select(f => f.At);
        Assert.Equal([Ms(0), Ms(500), Ms(2000), Ms(4000)], sent);
    }

    [Fact]
    public void Stop_DuringBurst_NothingMoreIsSent()
    {
        var pacer = new GarpPacer([A], new GarpConfig(Ms(500), 5, Ms(10), Ms(1000)));
        pacer.BecameMaster(Ms(0));
        Assert.True(pacer.TryTakeDue(Ms(0), out _));
        pacer.Stop();
        Assert.Empty(Drain(pacer, Ms(10), Ms(500), Ms(1000)));
        Assert.Null(pacer.NextDeadline);
    }

    [Fact]
    public void Reconfigure_MasterGainsAnAddressOnANewInterface_NextBurstCoversItAndRefreshIsRescheduled()
    {
        var pacer = new GarpPacer([A], new GarpConfig(TimeSpan.Zero, 1, Ms(10), TimeSpan.Zero));
        pacer.BecameMaster(Ms(0));
        Assert.Equal([A], Drain(pacer, Ms(0)).Select(f => f.Frame));

        pacer.Reconfigure([A, C], new GarpConfig(TimeSpan.Zero, 1, Ms(10), TimeSpan.FromSeconds(5)), Ms(5), isMaster: true);
        // Nothing is sent for the change itself; the rate limit of eth0 carries over.
        Assert.Equal(Ms(5005), pacer.NextDeadline);
        pacer.Burst(Ms(5));
        Assert.Equal([C], Drain(pacer, Ms(5)).Select(f => f.Frame));
        Assert.Equal([A], Drain(pacer, Ms(10)).Select(f => f.Frame));
        Assert.Equal([A, C], Drain(pacer, Ms(5005)).Select(f => f.Frame));
    }

    [Fact]
    public void Reconfigure_AddressDroppedMidBurst_BurstGoesOnOverTheRemainingOnes()
    {
        var pacer = new GarpPacer([A, B], new GarpConfig(TimeSpan.Zero, 2, Ms(10), TimeSpan.Zero));
        pacer.Burst(Ms(0));
        Assert.Equal([A], Drain(pacer, Ms(0)).Select(f => f.Frame));

        pacer.Reconfigure([B], new GarpConfig(TimeSpan.Zero, 2, Ms(10), TimeSpan.Zero), Ms(1), isMaster: true);

        // Three frames were left; one full burst of the remaining address is two.
        Assert.Equal([B, B], Drain(pacer, Ms(10), Ms(20), Ms(30)).Select(f => f.Frame));
        Assert.Null(pacer.NextDeadline);
    }

    private static GarpPacer Replay(InterfaceAddress[] addresses)
    {
        var pacer = new GarpPacer(addresses, new GarpConfig(TimeSpan.Zero, 2, Ms(10), TimeSpan.Zero));
        pacer.Burst(Ms(0));
        return pacer;
    }

    private static List<(InterfaceAddress Frame, TimeSpan At)> Drain(GarpPacer pacer, params TimeSpan[] times)
    {
        var frames = new List<(InterfaceAddress, TimeSpan)>();
        foreach (var time in times)
        {
            while (pacer.TryTakeDue(time, out var frame))
            {
                frames.Add((frame!, time));
            }
        }

        return frames;
    }
}
