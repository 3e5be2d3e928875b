using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Vrrp;

public sealed class Ipv4HeaderTests
{
    [Fact]
    public void Write_GoldenHeader_ProducesHandBuiltBytes()
    {
        var buffer = new byte[20];

        Ipv4Header.Write(buffer, PacketSamples.Source, PacketSamples.Multicast, payloadLength: 12, identification: 0);

        Assert.Equal(PacketSamples.IpPacket[..20], buffer);
        var zeroed = buffer.ToArray();
        zeroed[10] = 0;
        zeroed[11] = 0;
        Assert.Equal(0xD8E8, PacketSamples.ReferenceChecksum(zeroed));
    }

    [Fact]
    public void TryParse_GoldenPacket_ReadsHeaderAndPayload()
    {
        var packet = PacketSamples.IpPacket;

        Assert.True(Ipv4Header.TryParse(packet, out var header, out _));
        Assert.Equal(new Ipv4Header(20, 32, 255, 112, PacketSamples.Source, PacketSamples.Multicast), header);
        Assert.Equal(PacketSamples.Advert, header.Payload(packet).ToArray());
    }

    [Fact]
    public void TryParse_TrailingBytesBeyondTotalLength_AreNotPayload()
    {
        byte[] packet = [.. PacketSamples.IpPacket, 0xAA, 0xBB];

        Assert.True(Ipv4Header.TryParse(packet, out var header, out _));
        Assert.Equal(12, header.Payload(packet).Length);
    }

    [Theory]
    [InlineData(0, 0x55, VrrpDropReason.IpBadVersion)] // version 5
    [InlineData(0, 0x44, VrrpDropReason.IpBadHeaderLength)] // IHL 4 words
    [InlineData(3, 0x13, VrrpDropReason.IpBadTotalLength)] // total length 19 < header
    [InlineData(3, 0x21, VrrpDropReason.IpBadTotalLength)] // total length 33 > received
    [InlineData(6, 0x20, VrrpDropReason.IpFragment)] // MF
    [InlineData(7, 0x01, VrrpDropReason.IpFragment)] // offset 1
    [InlineData(9, 0x11, VrrpDropReason.IpWrongProtocol)] // UDP
    [InlineData(8, 0xFE, VrrpDropReason.IpBadTtl)] // crossed a router
    [InlineData(8, 0x01, VrrpDropReason.IpBadTtl)]
    public void TryParse_BadField_DropsWithReason(int offset, byte value, VrrpDropReason expected)
    {
        var packet = PacketSamples.IpPacket;
        packet[offset] = value;
        RewriteHeaderChecksum(packet);

        Assert.False(Ipv4Header.TryParse(packet, out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void TryParse_FlippedHeaderBit_DropsBadHeaderChecksum()
    {
        var packet = PacketSamples.IpPacket;
        packet[15] ^= 0x01;

        Assert.False(Ipv4Header.TryParse(packet, out _, out var reason));
        Assert.Equal(VrrpDropReason.IpBadHeaderChecksum, reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    public void TryParse_ShorterThanHeader_DropsTruncated(int length)
    {
        Assert.False(Ipv4Header.TryParse(PacketSamples.IpPacket.AsSpan(0, length), out _, out var reason));
        Assert.Equal(VrrpDropReason.IpTruncated, reason);
    }

    [Fact]
    public void TryParse_HeaderLengthBeyondPacket_DropsTruncated()
    {
        var packet = PacketSamples.IpPacket.AsSpan(0, 24).ToArray();
        packet[0] = 0x47; // 28-byte header in a 24-byte packet

        Assert.False(Ipv4Header.TryParse(packet, out _, out var reason));
        Assert.Equal(VrrpDropReason.IpTruncated, reason);
    }

    private static void RewriteHeaderChecksum(byte[] packet)
    {
        var headerLength = Math.Max(20, (packet[0] & 0x0F) * 4);
        packet[10] = 0;
        packet[11] = 0;
        var checksum = PacketSamples.ReferenceChecksum(packet[..Math.Min(headerLength, packet.Length)]);
        packet[10] = (byte)(checksum >> 8);
        packet[11] = (byte)checksum;
    }
}
