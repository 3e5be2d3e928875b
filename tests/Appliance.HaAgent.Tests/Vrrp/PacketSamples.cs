using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Tests.Vrrp;

/// <summary>
/// Hand-built golden packets. The checksums were worked out by hand (RFC 1071) and are cross-checked in the tests by
/// <see cref="ReferenceChecksum"/>; tshark 4 decoded <see cref="IpPacket"/> written to a pcap as VRRPv3 advertisement,
/// VRID 51, priority 150, Adver Int 100, "Checksum: 0xd418 [correct]", IPv4 "Header checksum status: Good", TTL 255.
/// </summary>
internal static class PacketSamples
{
    public static readonly Ipv4Address Source = Ip("192.168.1.10");
    public static readonly Ipv4Address Multicast = Ip("224.0.0.18");

    /// <summary>VRID 51, priority 150, one address 192.168.1.100, interval 100 cs, from 192.168.1.10 to 224.0.0.18.</summary>
    public static byte[] Advert =>
    [
        0x31, 0x33, 0x96, 0x01, // version 3 type 1, VRID 51, priority 150, 1 address
        0x00, 0x64, 0xD4, 0x18, // rsvd 0 + interval 100 cs, checksum 0xD418
        0xC0, 0xA8, 0x01, 0x64, // 192.168.1.100
    ];

    /// <summary>The same advert behind its 20-byte IPv4 header (TOS 0xC0, DF, TTL 255, protocol 112, checksum 0xD8E8).</summary>
    public static byte[] IpPacket =>
    [
        0x45, 0xC0, 0x00, 0x20, 0x00, 0x00, 0x40, 0x00,
        0xFF, 0x70, 0xD8, 0xE8, 0xC0, 0xA8, 0x01, 0x0A,
        0xE0, 0x00, 0x00, 0x12,
        .. Advert,
    ];

    public static Ipv4Address Ip(string text) =>
        Ipv4Address.TryParse(text, out var address) ? address : throw new ArgumentException(text);

    /// <summary>An independent RFC 1071 checksum: plain word sum, end-around carry, complement.</summary>
    public static ushort ReferenceChecksum(params byte[][] parts)
    {
        var bytes = parts.SelectMany(p => p).ToList();
        if (bytes.Count % 2 == 1)
        {
            bytes.Add(0);
        }

        long sum = 0;
        for (var i = 0; i < bytes.Count; i += 2)
        {
            sum += (bytes[i] << 8) | bytes[i + 1];
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    public static byte[] PseudoHeader(Ipv4Address source, Ipv4Address destination, int length)
    {
        var header = new byte[12];
        source.Write(header);
        destination.Write(header.AsSpan(4));
        header[9] = 112;
        header[10] = (byte)(length >> 8);
        header[11] = (byte)length;
        return header;
    }
}
