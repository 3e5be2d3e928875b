using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// A parsed, checked VRRPv3 advertisement over the received bytes (RFC 5798 §5.2); nothing is copied.
/// Obtain one from <see cref="VrrpPacket.TryParse"/>.
/// </summary>
public readonly ref struct VrrpPacketView
{
    internal VrrpPacketView(ReadOnlySpan<byte> message, int addressesEnd)
    {
        Message = message;
        Addresses = message[VrrpConstants.HeaderLength..addressesEnd];
        Trailer = message[addressesEnd..];
    }

    /// <summary>The whole VRRP message as received, trailer included.</summary>
    public ReadOnlySpan<byte> Message { get; }

    /// <summary>The IPv4 address list, 4 bytes per address (RFC 5798 §5.2.9).</summary>
    public ReadOnlySpan<byte> Addresses { get; }

    /// <summary>Bytes after the address list: empty, or our authentication trailer (see <see cref="VrrpAuthenticator"/>).</summary>
    public ReadOnlySpan<byte> Trailer { get; }

    /// <summary>Version, the high nibble of the first byte (RFC 5798 §5.2.1).</summary>
    public byte Version => (byte)(Message[0] >> 4);

    /// <summary>Type, the low nibble of the first byte (RFC 5798 §5.2.2).</summary>
    public byte Type => (byte)(Message[0] & 0x0F);

    /// <summary>Virtual Rtr ID (RFC 5798 §5.2.3).</summary>
    public byte VirtualRouterId => Message[1];

    /// <summary>Priority (RFC 5798 §5.2.4).</summary>
    public byte Priority => Message[2];

    /// <summary>Count IPvX Addr (RFC 5798 §5.2.5).</summary>
    public byte AddressCount => Message[3];

    /// <summary>Max Adver Int in centiseconds: the low 12 bits of bytes 4–5; the 4 reserved bits are ignored (RFC 5798 §5.2.6–7).</summary>
    public int MaxAdverIntervalCs => ((Message[4] & 0x0F) << 8) | Message[5];

    /// <summary>Checksum as received (RFC 5798 §5.2.8).</summary>
    public ushort Checksum => (ushort)((Message[6] << 8) | Message[7]);

    /// <summary>The address at <paramref name="index"/> in the address list.</summary>
    public Ipv4Address AddressAt(int index) => Ipv4Address.Read(Addresses.Slice(index * VrrpConstants.Ipv4AddressLength, VrrpConstants.Ipv4AddressLength));

    /// <summary>The state machine's input for this advert from <paramref name="source"/>.</summary>
    public ReceivedAdvert ToReceivedAdvert(Ipv4Address source) => new(source, Priority, MaxAdverIntervalCs);
}
