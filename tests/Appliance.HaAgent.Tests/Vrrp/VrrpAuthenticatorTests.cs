using System.Security.Cryptography;
using System.Text;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Vrrp;

public sealed class VrrpAuthenticatorTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("0123456789abcdef0123456789abcdef");
    private static readonly VrrpAdvertisement Advert = new(51, 150, 100, [PacketSamples.Ip("192.168.1.100")]);
    private const ulong Counter = 0x0102030405060708;

    [Fact]
    public void Encode_Authenticated_AppendsCounterAndTruncatedHmacOverPseudoHeaderMessageAndCounter()
    {
        var message = Encode(Counter);

        Assert.Equal(12 + 24, message.Length);
        Assert.Equal(PacketSamples.Advert[..6], message[..6]);
        Assert.Equal(PacketSamples.Advert[8..12], message[8..12]);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, message[12..20]);

        // The MAC input, built by hand from the documented format.
        var header = PacketSamples.Advert;
        header[6] = 0;
        header[7] = 0;
        byte[] input = [.. PacketSamples.PseudoHeader(PacketSamples.Source, PacketSamples.Multicast, 36), .. header, 1, 2, 3, 4, 5, 6, 7, 8];
        Assert.Equal(HMACSHA256.HashData(Key, input)[..16], message[20..36]);
    }

    [Fact]
    public void Encode_Authenticated_ChecksumCoversTheTrailer()
    {
        var message = Encode(Counter);
        var zeroed = message.ToArray();
        zeroed[6] = 0;
        zeroed[7] = 0;

        var reference = PacketSamples.ReferenceChecksum(
            PacketSamples.PseudoHeader(PacketSamples.Source, PacketSamples.Multicast, 36), zeroed);

        Assert.Equal(reference, (message[6] << 8) | message[7]);
    }

    [Fact]
    public void TryVerify_ValidAdvert_ReturnsCounter()
    {
        var message = Encode(Counter);
        Assert.True(VrrpPacket.TryParse(message, PacketSamples.Source, PacketSamples.Multicast, out var packet, out _));

        var ok = new VrrpAuthenticator(Key).TryVerify(packet, PacketSamples.Source, PacketSamples.Multicast, out var counter, out _);

        Assert.True(ok);
        Assert.Equal(Counter, counter);
    }

    [Theory]
    [InlineData(2)] // priority
    [InlineData(11)] // last address byte
    [InlineData(19)] // counter
    [InlineData(35)] // MAC
    public void TryVerify_TamperedByteWithFixedChecksum_DropsBadMac(int offset)
    {
        var message = Encode(Counter);
        message[offset] ^= 0x01;
        VrrpPacket.WriteChecksum(message, PacketSamples.Source, PacketSamples.Multicast);

        Assert.Equal(VrrpDropReason.BadMac, Verify(message, PacketSamples.Source, Key));
    }

    [Fact]
    public void TryVerify_ResourcedToAnotherSender_DropsBadMac()
    {
        var other = PacketSamples.Ip("192.168.1.11");
        var message = Encode(Counter);
        VrrpPacket.WriteChecksum(message, other, PacketSamples.Multicast);

        Assert.Equal(VrrpDropReason.BadMac, Verify(message, other, Key));
    }

    [Fact]
    public void TryVerify_OtherKey_DropsBadMac()
    {
        Assert.Equal(VrrpDropReason.BadMac, Verify(Encode(Counter), PacketSamples.Source, Encoding.ASCII.GetBytes("another key of 16+ bytes")));
    }

    [Fact]
    public void TryVerify_NoTrailer_DropsAuthTrailerMissing()
    {
        Assert.Equal(VrrpDropReason.AuthTrailerMissing, Verify(PacketSamples.Advert, PacketSamples.Source, Key));
    }

    [Fact]
    public void Constructor_KeyShorterThan16Bytes_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new VrrpAuthenticator(new byte[15]));

        Assert.StartsWith("an authentication key has at least 16 bytes (got 15)", error.Message);
    }

    private static VrrpDropReason? Verify(byte[] message, Ipv4Address source, byte[] key)
    {
        Assert.True(VrrpPacket.TryParse(message, source, PacketSamples.Multicast, out var packet, out _));
        return new VrrpAuthenticator(key).TryVerify(packet, source, PacketSamples.Multicast, out _, out var reason) ? null : reason;
    }

    private static byte[] Encode(ulong counter)
    {
        var buffer = new byte[64];
        var length = new VrrpAuthenticator(Key).Encode(buffer, Advert, counter, PacketSamples.Source, PacketSamples.Multicast);
        return buffer[..length];
    }
}
