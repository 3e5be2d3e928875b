using System.Buffers.Binary;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Arp;

/// <summary>
/// The gratuitous ARP frame for one address, built once and re-sent as is: an Ethernet broadcast carrying an ARP
/// request whose sender and target protocol addresses are both the announced address (RFC 5227 §3 "ARP Announcement",
/// RFC 5798 §6.4.1 and §6.4.2 for VRRP), sender hardware address the interface's MAC, target hardware address zero.
/// Padded to the 60-byte Ethernet minimum so switches that drop runts forward it.
/// </summary>
public static class GarpFrame
{
    /// <summary>The frame length: 14 (Ethernet) + 28 (ARP) padded to 60.</summary>
    public const int Length = 60;

    /// <summary>EtherType of ARP (IEEE 802; RFC 826).</summary>
    public const ushort EtherTypeArp = 0x0806;

    /// <summary>Builds the frame announcing <paramref name="address"/> from <paramref name="mac"/> (6 bytes).</summary>
    public static byte[] Build(ReadOnlySpan<byte> mac, Ipv4Address address)
    {
        if (mac.Length != 6)
        {
            throw new ArgumentException($"an Ethernet address has 6 bytes (got {mac.Length})", nameof(mac));
        }

        var frame = new byte[Length];
        var span = frame.AsSpan();
        span[..6].Fill(0xFF);                                   // destination: broadcast
        mac.CopyTo(span[6..]);                                  // source: our MAC
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], EtherTypeArp);
        var arp = span[14..];
        BinaryPrimitives.WriteUInt16BigEndian(arp, 1);          // hardware type: Ethernet
        BinaryPrimitives.WriteUInt16BigEndian(arp[2..], 0x0800); // protocol type: IPv4
        arp[4] = 6;                                             // hardware address length
        arp[5] = 4;                                             // protocol address length
        BinaryPrimitives.WriteUInt16BigEndian(arp[6..], 1);     // operation: request (RFC 5227 §3 announcements use requests)
        mac.CopyTo(arp[8..]);                                   // sender hardware address
        address.Write(arp[14..]);                               // sender protocol address
        // target hardware address (arp[18..24]) stays zero: "ignored and SHOULD be set to all zeroes" (RFC 5227 §2.1.1)
        address.Write(arp[24..]);                               // target protocol address = sender's
        return frame;
    }

    /// <summary>Parses <c>aa:bb:cc:dd:ee:ff</c> (as /sys/class/net/IF/address holds it) into 6 bytes.</summary>
    public static byte[] ParseMac(string text)
    {
        var parts = text.Trim().Split(':');
        if (parts.Length != 6)
        {
            throw new FormatException($"'{text.Trim()}' is not an Ethernet address");
        }

        return [.. parts.Select(p => byte.Parse(p, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture))];
    }
}
