using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Vrrp;

public sealed class VrrpPacketTests
{
    private static readonly VrrpAdvertisement GoldenAdvert = new(51, 150, 100, [PacketSamples.Ip("192.168.1.100")]);

    [Fact]
    public void Encode_GoldenAdvert_ProducesHandBuiltBytes()
    {
        var buffer = new byte[64];

        var length = VrrpPacket.Encode(buffer, GoldenAdvert, PacketSamples.Source, PacketSamples.Multicast);

        Assert.Equal(PacketSamples.Advert, buffer[..length]);
    }

    [Fact]
    public void Encode_GoldenAdvert_ChecksumMatchesIndependentComputation()
    {
        var message = PacketSamples.Advert;
        message[6] = 0;
        message[7] = 0;

        var reference = PacketSamples.ReferenceChecksum(
            PacketSamples.PseudoHeader(PacketSamples.Source, PacketSamples.Multicast, message.Length), message);

        Assert.Equal(0xD418, reference);
        Assert.Equal(reference, VrrpPacket.ComputeChecksum(message, PacketSamples.Source, PacketSamples.Multicast));
    }

    [Fact]
    public void Encode_TwoAddressesMaximumInterval_ChecksumMatchesIndependentComputation()
    {
        var source = PacketSamples.Ip("10.0.0.254");
        var peer = PacketSamples.Ip("10.0.0.253");
        var advert = new VrrpAdvertisement(1, 255, 4095, [PacketSamples.Ip("10.0.0.1"), PacketSamples.Ip("10.0.0.2")]);
        var buffer = new byte[64];

        var length = VrrpPacket.Encode(buffer, advert, source, peer);

        Assert.Equal(
            new byte[] { 0x31, 0x01, 0xFF, 0x02, 0x0F, 0xFF, 0x95, 0x7E, 10, 0, 0, 1, 10, 0, 0, 2 },
            buffer[..length]);
        var zeroed = buffer[..length];
        zeroed[6] = 0;
        zeroed[7] = 0;
        Assert.Equal(0x957E, PacketSamples.ReferenceChecksum(PacketSamples.PseudoHeader(source, peer, length), zeroed));
    }

    [Fact]
    public void TryParse_GoldenAdvert_ReadsEveryField()
    {
        var bytes = PacketSamples.Advert;

        var ok = VrrpPacket.TryParse(bytes, PacketSamples.Source, PacketSamples.Multicast, out var packet, out _);

        Assert.True(ok);
        Assert.Equal(3, packet.Version);
        Assert.Equal(1, packet.Type);
        Assert.Equal(51, packet.VirtualRouterId);
        Assert.Equal(150, packet.Priority);
        Assert.Equal(1, packet.AddressCount);
        Assert.Equal(100, packet.MaxAdverIntervalCs);
        Assert.Equal(0xD418, packet.Checksum);
        Assert.Equal(PacketSamples.Ip("192.168.1.100"), packet.AddressAt(0));
        Assert.True(packet.Trailer.IsEmpty);
        Assert.Equal(new ReceivedAdvert(PacketSamples.Source, 150, 100), packet.ToReceivedAdvert(PacketSamples.Source));
    }

    [Fact]
    public void TryParse_ReservedBitsSet_AreIgnored()
    {
        var bytes = PacketSamples.Advert;
        bytes[4] = 0xF0;
        VrrpPacket.WriteChecksum(bytes, PacketSamples.Source, PacketSamples.Multicast);

        Assert.True(VrrpPacket.TryParse(bytes, PacketSamples.Source, PacketSamples.Multicast, out var packet, out _));
        Assert.Equal(100, packet.MaxAdverIntervalCs);
    }

    [Theory]
    [InlineData(0, VrrpDropReason.TooShort)]
    [InlineData(7, VrrpDropReason.TooShort)]
    [InlineData(11, VrrpDropReason.LengthMismatch)]
    [InlineData(13, VrrpDropReason.LengthMismatch)]
    public void TryParse_WrongLength_DropsWithReason(int length, VrrpDropReason expected)
    {
        var bytes = new byte[length];
        PacketSamples.Advert.AsSpan(0, Math.Min(length, 12)).CopyTo(bytes);

        Assert.False(VrrpPacket.TryParse(bytes, PacketSamples.Source, PacketSamples.Multicast, out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Theory]
    [InlineData(0x21, VrrpDropReason.BadVersion)] // VRRPv2
    [InlineData(0x41, VrrpDropReason.BadVersion)]
    [InlineData(0x32, VrrpDropReason.BadType)]
    public void TryParse_WrongVersionOrType_DropsWithReason(byte firstByte, VrrpDropReason expected)
    {
        var bytes = PacketSamples.Advert;
        bytes[0] = firstByte;
        VrrpPacket.WriteChecksum(bytes, PacketSamples.Source, PacketSamples.Multicast);

        Assert.False(VrrpPacket.TryParse(bytes, PacketSamples.Source, PacketSamples.Multicast, out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void TryParse_FlippedBit_DropsBadChecksum()
    {
        var bytes = PacketSamples.Advert;
        bytes[2] ^= 0x01;

        Assert.False(VrrpPacket.TryParse(bytes, PacketSamples.Source, PacketSamples.Multicast, out _, out var reason));
        Assert.Equal(VrrpDropReason.BadChecksum, reason);
    }

    [Fact]
    public void TryParse_DifferentSourceInPseudoHeader_DropsBadChecksum()
    {
        Assert.False(VrrpPacket.TryParse(
            PacketSamples.Advert, PacketSamples.Ip("192.168.1.11"), PacketSamples.Multicast, out _, out var reason));
        Assert.Equal(VrrpDropReason.BadChecksum, reason);
    }

    [Fact]
    public void TryParse_ZeroAddresses_DropsNoAddresses()
    {
        byte[] bytes = [0x31, 0x33, 0x96, 0x00, 0x00, 0x64, 0, 0];
        VrrpPacket.WriteChecksum(bytes, PacketSamples.Source, PacketSamples.Multicast);

        Assert.False(VrrpPacket.TryParse(bytes, PacketSamples.Source, PacketSamples.Multicast, out _, out var reason));
        Assert.Equal(VrrpDropReason.NoAddresses, reason);
    }

    [Fact]
    public void TryParse_ZeroInterval_DropsBadAdvertInterval()
    {
        var bytes = PacketSamples.Advert;
        bytes[5] = 0;
        VrrpPacket.WriteChecksum(bytes, PacketSamples.Source, PacketSamples.Multicast);

        Assert.False(VrrpPacket.TryParse(bytes, PacketSamples.Source, PacketSamples.Multicast, out _, out var reason));
        Assert.Equal(VrrpDropReason.BadAdvertInterval, reason);
    }

    [Fact]
    public void Write_NoAddresses_Throws()
    {
        var advert = new VrrpAdvertisement(51, 100, 100, []);

        Assert.Throws<ArgumentOutOfRangeException>(() => VrrpPacket.Write(new byte[64], advert));
    }

    [Fact]
    public void Encode_ThenParse_RoundTripsTwoHundredFiftyFiveAddresses()
    {
        var addresses = Enumerable.Range(1, 255).Select(i => new Ipv4Address(0x0A000000u + (uint)i)).ToArray();
        var buffer = new byte[VrrpPacket.GetLength(255)];
        var length = VrrpPacket.Encode(buffer, new VrrpAdvertisement(7, 1, 1, addresses), PacketSamples.Source, PacketSamples.Multicast);

        Assert.True(VrrpPacket.TryParse(buffer.AsSpan(0, length), PacketSamples.Source, PacketSamples.Multicast, out var packet, out _));
        Assert.Equal(255, packet.AddressCount);
        Assert.Equal(addresses[254], packet.AddressAt(254));
    }
}
