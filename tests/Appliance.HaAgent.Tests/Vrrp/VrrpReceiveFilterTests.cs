using System.Text;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Vrrp;

public sealed class VrrpReceiveFilterTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("0123456789abcdef");

    [Fact]
    public void TryAccept_GoldenPacket_ReturnsAdvertForTheStateMachine()
    {
        var filter = new VrrpReceiveFilter(51, authenticator: null);

        Assert.True(filter.TryAccept(PacketSamples.IpPacket, out var advert, out _));
        Assert.Equal(new ReceivedAdvert(PacketSamples.Source, 150, 100), advert);
        Assert.Equal(1, filter.Accepted);
    }

    [Fact]
    public void TryAccept_OtherVrid_DropsAndCountsVridMismatch()
    {
        var filter = new VrrpReceiveFilter(52, authenticator: null);

        Assert.False(filter.TryAccept(PacketSamples.IpPacket, out _, out var reason));
        Assert.Equal(VrrpDropReason.VridMismatch, reason);
        Assert.Equal(1, filter.DropCount(VrrpDropReason.VridMismatch));
        Assert.Equal(0, filter.Accepted);
    }

    [Fact]
    public void TryAccept_BadTtl_CountsIpBadTtl()
    {
        var filter = new VrrpReceiveFilter(51, authenticator: null);
        var packet = IpPacket(PacketSamples.Advert);
        packet[8] = 64;
        packet[10] = 0;
        packet[11] = 0;
        var checksum = PacketSamples.ReferenceChecksum(packet[..20]);
        packet[10] = (byte)(checksum >> 8);
        packet[11] = (byte)checksum;

        filter.TryAccept(packet, out _, out _);
        filter.TryAccept(packet, out _, out _);

        Assert.Equal(2, filter.DropCount(VrrpDropReason.IpBadTtl));
    }

    [Fact]
    public void TryAccept_AuthenticatedAdverts_AcceptsFreshAndDropsReplay()
    {
        var filter = new VrrpReceiveFilter(51, new VrrpAuthenticator(Key));
        var first = AuthenticatedPacket(counter: 100);
        var second = AuthenticatedPacket(counter: 101);

        Assert.True(filter.TryAccept(first, out _, out _));
        Assert.True(filter.TryAccept(second, out _, out _));
        Assert.False(filter.TryAccept(first, out _, out var reason));

        Assert.Equal(VrrpDropReason.Replayed, reason);
        Assert.Equal(2, filter.Accepted);
        Assert.Equal(1, filter.DropCount(VrrpDropReason.Replayed));
    }

    [Fact]
    public void TryAccept_KeyConfiguredAdvertUnauthenticated_DropsAuthTrailerMissing()
    {
        var filter = new VrrpReceiveFilter(51, new VrrpAuthenticator(Key));

        Assert.False(filter.TryAccept(PacketSamples.IpPacket, out _, out var reason));
        Assert.Equal(VrrpDropReason.AuthTrailerMissing, reason);
    }

    [Fact]
    public void TryAccept_NoKeyAdvertAuthenticated_DropsUnexpectedAuthTrailer()
    {
        var filter = new VrrpReceiveFilter(51, authenticator: null);

        Assert.False(filter.TryAccept(AuthenticatedPacket(counter: 1), out _, out var reason));
        Assert.Equal(VrrpDropReason.UnexpectedAuthTrailer, reason);
    }

    [Fact]
    public void TryAccept_ForgedMacDoesNotAdvanceReplayCounter()
    {
        var filter = new VrrpReceiveFilter(51, new VrrpAuthenticator(Key));
        var forged = AuthenticatedPacket(counter: 1_000_000, key: Encoding.ASCII.GetBytes("not the right key!"));

        Assert.False(filter.TryAccept(forged, out _, out var reason));
        Assert.Equal(VrrpDropReason.BadMac, reason);
        Assert.True(filter.TryAccept(AuthenticatedPacket(counter: 5), out _, out _));
    }

    private static byte[] AuthenticatedPacket(ulong counter, byte[]? key = null)
    {
        var message = new byte[64];
        var advert = new VrrpAdvertisement(51, 150, 100, [PacketSamples.Ip("192.168.1.100")]);
        var length = new VrrpAuthenticator(key ?? Key).Encode(message, advert, counter, PacketSamples.Source, PacketSamples.Multicast);
        return IpPacket(message[..length]);
    }

    private static byte[] IpPacket(byte[] message)
    {
        var packet = new byte[Ipv4Header.MinimumLength + message.Length];
        Ipv4Header.Write(packet, PacketSamples.Source, Ipv4Address.VrrpMulticast, message.Length, identification: 7);
        message.CopyTo(packet, Ipv4Header.MinimumLength);
        return packet;
    }
}
