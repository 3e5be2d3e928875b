using System.Buffers.Binary;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// The IPv4 header of an advert (RFC 791), for raw sockets: a Linux raw IPPROTO_VRRP socket delivers the IP header
/// with every packet, and a sender using IP_HDRINCL writes one. Only what VRRP needs is kept.
/// </summary>
/// <param name="HeaderLength">Header length in bytes (IHL × 4); 20 when written here (no options).</param>
/// <param name="TotalLength">Total length of header and payload in bytes.</param>
/// <param name="Ttl">Time to live; adverts carry 255 (RFC 5798 §5.1.1.3).</param>
/// <param name="Protocol">IP protocol; 112 for VRRP (RFC 5798 §5.1.1.4).</param>
/// <param name="Source">Source address: the sender's primary address (RFC 5798 §5.1.1.1).</param>
/// <param name="Destination">Destination: 224.0.0.18 or a unicast peer (RFC 5798 §5.1.1.2).</param>
public readonly record struct Ipv4Header(
    int HeaderLength, int TotalLength, byte Ttl, byte Protocol, Ipv4Address Source, Ipv4Address Destination)
{
    /// <summary>Length of a header without options.</summary>
    public const int MinimumLength = 20;

    // DSCP CS6 ("internetwork control", RFC 2474 §4.2.2.2): adverts are control traffic and should survive congestion.
    private const byte TypeOfServiceInternetworkControl = 0xC0;

    /// <summary>The bytes after the header, up to the total length.</summary>
    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> packet) => packet[HeaderLength..TotalLength];

    /// <summary>
    /// Parses and checks the header of a received packet: version 4, IHL, total length, header checksum, not a
    /// fragment, protocol 112, TTL 255 (RFC 5798 §7.1). Trailing bytes beyond the total length are ignored.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out Ipv4Header header, out VrrpDropReason reason)
    {
        header = default;
        if (packet.Length < MinimumLength)
        {
            reason = VrrpDropReason.IpTruncated;
            return false;
        }

        if (packet[0] >> 4 != 4)
        {
            reason = VrrpDropReason.IpBadVersion;
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        if (headerLength < MinimumLength)
        {
            reason = VrrpDropReason.IpBadHeaderLength;
            return false;
        }

        if (packet.Length < headerLength)
        {
            reason = VrrpDropReason.IpTruncated;
            return false;
        }

        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (totalLength < headerLength || totalLength > packet.Length)
        {
            reason = VrrpDropReason.IpBadTotalLength;
            return false;
        }

        if (!InternetChecksum.Verifies(InternetChecksum.Add(0, packet[..headerLength])))
        {
            reason = VrrpDropReason.IpBadHeaderChecksum;
            return false;
        }

        // Bit 0x2000 is More Fragments, the low 13 bits the fragment offset.
        if ((BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & 0x3FFF) != 0)
        {
            reason = VrrpDropReason.IpFragment;
            return false;
        }

        if (packet[9] != VrrpConstants.IpProtocol)
        {
            reason = VrrpDropReason.IpWrongProtocol;
            return false;
        }

        if (packet[8] != VrrpConstants.Ttl)
        {
            reason = VrrpDropReason.IpBadTtl;
            return false;
        }

        header = new Ipv4Header(
            headerLength, totalLength, packet[8], packet[9], Ipv4Address.Read(packet[12..]), Ipv4Address.Read(packet[16..]));
        reason = default;
        return true;
    }

    /// <summary>
    /// Writes a 20-byte header for a VRRP payload of <paramref name="payloadLength"/> bytes: TOS 0xC0, Don't Fragment,
    /// TTL 255, protocol 112, the header checksum. Returns the bytes written (20).
    /// </summary>
    public static int Write(
        Span<byte> destination, Ipv4Address source, Ipv4Address target, int payloadLength, ushort identification)
    {
        var totalLength = MinimumLength + payloadLength;
        if (totalLength > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadLength), payloadLength, "an IPv4 packet holds at most 65535 bytes");
        }

        var header = destination[..MinimumLength];
        header[0] = 0x45; // version 4, IHL 5 words
        header[1] = TypeOfServiceInternetworkControl;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], 0x4000); // DF, offset 0
        header[8] = VrrpConstants.Ttl;
        header[9] = VrrpConstants.IpProtocol;
        header[10] = 0;
        header[11] = 0;
        source.Write(header[12..]);
        target.Write(header[16..]);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Finish(InternetChecksum.Add(0, header)));
        return MinimumLength;
    }
}
