using System.Buffers.Binary;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// The VRRPv3 advertisement codec for IPv4 (RFC 5798 §5.2), span-based and allocation-free:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// |Version| Type  | Virtual Rtr ID|   Priority    |Count IPvX Addr|
/// |(rsvd) |     Max Adver Int     |          Checksum             |
/// |                       IPv4 Address(es)                        |
/// </code>
/// followed, when authentication is on, by our trailer (<see cref="VrrpAuthenticator"/>).
/// </summary>
public static class VrrpPacket
{
    /// <summary>Bytes of header and address list for <paramref name="addressCount"/> IPv4 addresses.</summary>
    public static int GetLength(int addressCount) => VrrpConstants.HeaderLength + (addressCount * VrrpConstants.Ipv4AddressLength);

    /// <summary>
    /// Writes header and addresses with a zero checksum; call <see cref="WriteChecksum"/> once the message is complete
    /// (after any trailer). Returns the bytes written.
    /// </summary>
    public static int Write(Span<byte> destination, VrrpAdvertisement advert)
    {
        ArgumentNullException.ThrowIfNull(advert);
        VrrpTiming.ValidateInterval(advert.MaxAdverIntervalCs);
        if (advert.Addresses.Count is < 1 or > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(advert), advert.Addresses.Count, "an advertisement carries 1 to 255 addresses (RFC 5798 §5.2.5)");
        }

        var length = GetLength(advert.Addresses.Count);
        var message = destination[..length];
        message[0] = (VrrpConstants.Version << 4) | VrrpConstants.TypeAdvertisement;
        message[1] = advert.VirtualRouterId;
        message[2] = advert.Priority;
        message[3] = (byte)advert.Addresses.Count;
        // The 4 reserved bits are zero on transmission (RFC 5798 §5.2.6).
        BinaryPrimitives.WriteUInt16BigEndian(message[4..], (ushort)advert.MaxAdverIntervalCs);
        message[6] = 0;
        message[7] = 0;
        for (var i = 0; i < advert.Addresses.Count; i++)
        {
            advert.Addresses[i].Write(message[(VrrpConstants.HeaderLength + (i * VrrpConstants.Ipv4AddressLength))..]);
        }

        return length;
    }

    /// <summary>
    /// Computes and stores the checksum of the whole <paramref name="message"/> (RFC 5798 §5.2.8): the one's complement
    /// sum over the IPv4 pseudo-header (source, destination, zero, protocol 112, VRRP length) and the message with
    /// its checksum field zero.
    /// </summary>
    public static void WriteChecksum(Span<byte> message, Ipv4Address source, Ipv4Address destination)
    {
        message[6] = 0;
        message[7] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], ComputeChecksum(message, source, destination));
    }

    /// <summary>Writes a complete unauthenticated advert, checksum included; returns its length.</summary>
    public static int Encode(Span<byte> destination, VrrpAdvertisement advert, Ipv4Address source, Ipv4Address target)
    {
        var length = Write(destination, advert);
        WriteChecksum(destination[..length], source, target);
        return length;
    }

    /// <summary>The §5.2.8 checksum of <paramref name="message"/> as it stands (its checksum field included in the sum).</summary>
    public static ushort ComputeChecksum(ReadOnlySpan<byte> message, Ipv4Address source, Ipv4Address destination)
    {
        var sum = InternetChecksum.AddIpv4PseudoHeader(0, source, destination, VrrpConstants.IpProtocol, message.Length);
        return InternetChecksum.Finish(InternetChecksum.Add(sum, message));
    }

    /// <summary>
    /// Parses and checks a received VRRP message (the IP payload) per RFC 5798 §7.1: complete packet, version 3, type
    /// ADVERTISEMENT, length consistent with the address count (with or without our 24-byte authentication trailer),
    /// checksum, at least one address, a non-zero interval. The VRID, TTL and authentication are checked elsewhere.
    /// </summary>
    public static bool TryParse(
        ReadOnlySpan<byte> message, Ipv4Address source, Ipv4Address destination, out VrrpPacketView packet, out VrrpDropReason reason)
    {
        packet = default;
        if (message.Length < VrrpConstants.HeaderLength)
        {
            reason = VrrpDropReason.TooShort;
            return false;
        }

        if (message[0] >> 4 != VrrpConstants.Version)
        {
            reason = VrrpDropReason.BadVersion;
            return false;
        }

        if ((message[0] & 0x0F) != VrrpConstants.TypeAdvertisement)
        {
            reason = VrrpDropReason.BadType;
            return false;
        }

        var addressesEnd = GetLength(message[3]);
        if (message.Length != addressesEnd && message.Length != addressesEnd + VrrpAuthenticator.TrailerLength)
        {
            reason = VrrpDropReason.LengthMismatch;
            return false;
        }

        if (!InternetChecksum.Verifies(
                InternetChecksum.Add(
                    InternetChecksum.AddIpv4PseudoHeader(0, source, destination, VrrpConstants.IpProtocol, message.Length),
                    message)))
        {
            reason = VrrpDropReason.BadChecksum;
            return false;
        }

        if (message[3] == 0)
        {
            reason = VrrpDropReason.NoAddresses;
            return false;
        }

        packet = new VrrpPacketView(message, addressesEnd);
        if (packet.MaxAdverIntervalCs == 0)
        {
            packet = default;
            reason = VrrpDropReason.BadAdvertInterval;
            return false;
        }

        reason = default;
        return true;
    }
}
