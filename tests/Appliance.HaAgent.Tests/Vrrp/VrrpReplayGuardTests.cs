using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Vrrp;

public sealed class VrrpReplayGuardTests
{
    private static readonly Ipv4Address PeerA = PacketSamples.Ip("10.0.0.1");
    private static readonly Ipv4Address PeerB = PacketSamples.Ip("10.0.0.2");

    [Fact]
    public void TryAccept_IncreasingCounters_AcceptsEach()
    {
        var guard = new VrrpReplayGuard();

        Assert.True(guard.TryAccept(PeerA, 10));
        Assert.True(guard.TryAccept(PeerA, 11));
        Assert.True(guard.TryAccept(PeerA, 500));
        Assert.Equal(500UL, guard.LastAccepted(PeerA));
    }

    [Theory]
    [InlineData(10UL)]
    [InlineData(9UL)]
    [InlineData(0UL)]
    public void TryAccept_CounterNotGreaterThanLast_RejectsAndKeepsLast(ulong replayed)
    {
        var guard = new VrrpReplayGuard();
        guard.TryAccept(PeerA, 10);

        Assert.False(guard.TryAccept(PeerA, replayed));
        Assert.Equal(10UL, guard.LastAccepted(PeerA));
    }

    [Fact]
    public void TryAccept_OtherSource_HasItsOwnCounter()
    {
        var guard = new VrrpReplayGuard();
        guard.TryAccept(PeerA, 1000);

        Assert.True(guard.TryAccept(PeerB, 5));
        Assert.Null(guard.LastAccepted(PacketSamples.Ip("10.0.0.3")));
    }
}
