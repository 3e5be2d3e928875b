using System.Buffers.Binary;
using System.Security.Cryptography;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// Our authentication extension to VRRPv3 (RFC 5798 removed VRRPv2's authentication; keepalived does not speak this,
/// so a keyed instance only interoperates with this agent). A 24-byte trailer follows the address list:
/// <code>
/// offset 0  counter  8 bytes, unsigned, big-endian, strictly increasing per sender
/// offset 8  MAC     16 bytes, the first 16 bytes of HMAC-SHA256(key, input)
/// input  =  IPv4 pseudo-header: source (4), destination (4), zero (1), protocol 112 (1), VRRP length incl. trailer (2)
///        ‖  VRRP header and addresses with the checksum field zero
///        ‖  the counter (8)
/// </code>
/// The §5.2.8 checksum is computed last, over the whole message including the trailer, so the checksum stays what
/// RFC 5798 says it is and the MAC does not depend on it. The pseudo-header binds the MAC to the sender's address
/// (a replayed advert cannot be re-sourced to dodge the per-source counter) and to the destination.
/// </summary>
public sealed class VrrpAuthenticator
{
    /// <summary>Length of the counter field.</summary>
    public const int CounterLength = 8;

    /// <summary>Length of the truncated MAC: 128 bits, as HMAC-SHA256-128 in RFC 4868 §2.3.</summary>
    public const int MacLength = 16;

    /// <summary>Length of the whole trailer.</summary>
    public const int TrailerLength = CounterLength + MacLength;

    /// <summary>Shortest key accepted: 16 bytes (128 bits), the strength of the truncated MAC.</summary>
    public const int MinimumKeyLength = 16;

    private const int PseudoHeaderLength = 12;
    private const int MaxMacInputLength = PseudoHeaderLength + 8 + (255 * VrrpConstants.Ipv4AddressLength) + CounterLength;

    private readonly byte[] _key;

    /// <summary>Creates an authenticator for <paramref name="key"/> (at least <see cref="MinimumKeyLength"/> bytes; copied).</summary>
    public VrrpAuthenticator(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"an authentication key has at least {MinimumKeyLength} bytes (got {key.Length})", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>
    /// Appends the trailer to the <paramref name="messageLength"/> bytes of header and addresses already in
    /// <paramref name="buffer"/> (see <see cref="VrrpPacket.Write"/>), then writes the checksum. Returns the total length.
    /// </summary>
    public int Seal(Span<byte> buffer, int messageLength, ulong counter, Ipv4Address source, Ipv4Address destination)
    {
        var total = messageLength + TrailerLength;
        var message = buffer[..total];
        BinaryPrimitives.WriteUInt64BigEndian(message[messageLength..], counter);
        ComputeMac(message, messageLength, source, destination, message.Slice(messageLength + CounterLength, MacLength));
        VrrpPacket.WriteChecksum(message, source, destination);
        return total;
    }

    /// <summary>Writes a complete authenticated advert; returns its length.</summary>
    public int Encode(Span<byte> destination, VrrpAdvertisement advert, ulong counter, Ipv4Address source, Ipv4Address target) =>
        Seal(destination, VrrpPacket.Write(destination, advert), counter, source, target);

    /// <summary>
    /// Checks the trailer of a parsed advert: present, and its MAC verifies. Returns the counter for the replay check
    /// (<see cref="VrrpReplayGuard"/>), which needs state this class does not keep.
    /// </summary>
    public bool TryVerify(
        VrrpPacketView packet, Ipv4Address source, Ipv4Address destination, out ulong counter, out VrrpDropReason reason)
    {
        counter = 0;
        if (packet.Trailer.Length != TrailerLength)
        {
            reason = VrrpDropReason.AuthTrailerMissing;
            return false;
        }

        var messageLength = packet.Message.Length - TrailerLength;
        Span<byte> expected = stackalloc byte[MacLength];
        ComputeMac(packet.Message, messageLength, source, destination, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, packet.Trailer[CounterLength..]))
        {
            reason = VrrpDropReason.BadMac;
            return false;
        }

        counter = BinaryPrimitives.ReadUInt64BigEndian(packet.Trailer);
        reason = default;
        return true;
    }

    private void ComputeMac(
        ReadOnlySpan<byte> message, int messageLength, Ipv4Address source, Ipv4Address destination, Span<byte> mac)
    {
        Span<byte> input = stackalloc byte[MaxMacInputLength];
        source.Write(input);
        destination.Write(input[4..]);
        input[8] = 0;
        input[9] = VrrpConstants.IpProtocol;
        BinaryPrimitives.WriteUInt16BigEndian(input[10..], (ushort)message.Length);
        message[..messageLength].CopyTo(input[PseudoHeaderLength..]);
        input[PseudoHeaderLength + 6] = 0;
        input[PseudoHeaderLength + 7] = 0;
        message.Slice(messageLength, CounterLength).CopyTo(input[(PseudoHeaderLength + messageLength)..]);
        var length = PseudoHeaderLength + messageLength + CounterLength;

        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, input[..length], full);
        full[..MacLength].CopyTo(mac);
    }
}
