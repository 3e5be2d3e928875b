using System.Buffers.Binary;

namespace Appliance.HaAgent.Net;

/// <summary>
/// The Internet checksum (RFC 1071): the 16-bit one's complement of the one's complement sum of 16-bit words, used by
/// the IPv4 header (RFC 791) and the VRRP message with its pseudo-header (RFC 5798 §5.2.8).
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to a running 32-bit sum; an odd last byte is padded with zero (RFC 1071 §4.1).</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        // Fold now and then so a long message cannot overflow 32 bits (each step adds at most 0xFFFF).
        return Fold(sum);
    }

    /// <summary>Adds the IPv4 pseudo-header of an upper-layer protocol: source, destination, zero, protocol, length.</summary>
    public static uint AddIpv4PseudoHeader(uint sum, Ipv4Address source, Ipv4Address destination, byte protocol, int length)
    {
        sum += source.Value >> 16;
        sum += source.Value & 0xFFFF;
        sum += destination.Value >> 16;
        sum += destination.Value & 0xFFFF;
        sum += protocol;
        sum += (uint)length;
        return Fold(sum);
    }

    /// <summary>The checksum to write: the complement of the folded sum.</summary>
    public static ushort Finish(uint sum) => (ushort)~Fold(sum);

    /// <summary>True when a sum taken over data that includes its checksum field verifies (it folds to 0xFFFF).</summary>
    public static bool Verifies(uint sum) => Fold(sum) == 0xFFFF;

    private static uint Fold(uint sum)
    {
        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return sum;
    }
}
