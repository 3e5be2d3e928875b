using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Appliance.HaAgent.Net;

/// <summary>
/// An IPv4 address as its 32-bit value in host order (10.0.0.1 is 0x0A000001), so the packet path compares,
/// hashes and writes addresses without allocating an <see cref="IPAddress"/>.
/// </summary>
/// <remarks>
/// Ordering is the unsigned order of the value, which is the order RFC 5798 §6.4.3 uses to break a priority tie
/// ("the primary IPvX address of the sender is greater than the local primary IPvX address").
/// </remarks>
public readonly record struct Ipv4Address(uint Value) : IComparable<Ipv4Address>
{
    /// <summary>The all-zero address 0.0.0.0.</summary>
    public static Ipv4Address Any => default;

    /// <summary>224.0.0.18, the VRRP multicast group (RFC 5798 §5.1.1.2).</summary>
    public static Ipv4Address VrrpMulticast => new(0xE0000012);

    /// <summary>Reads four bytes in network order.</summary>
    public static Ipv4Address Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt32BigEndian(source));

    /// <summary>Writes the address as four bytes in network order.</summary>
    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    /// <summary>Converts an IPv4 <see cref="IPAddress"/>; throws for any other family.</summary>
    public static Ipv4Address FromIPAddress(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"'{address}' is not an IPv4 address", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return Read(bytes);
    }

    /// <summary>
    /// Parses dotted-quad text: exactly four decimal parts 0..255 without leading zeros. IPAddress.TryParse also takes
    /// "10.1" and reads "010" as octal; an operator who writes either made a typo, so neither is an address here.
    /// </summary>
    public static bool TryParse(string? text, out Ipv4Address address)
    {
        address = default;
        var parts = text?.Split('.');
        if (parts is not { Length: 4 })
        {
            return false;
        }

        uint value = 0;
        foreach (var part in parts)
        {
            if (part.Length is < 1 or > 3 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit))
            {
                return false;
            }

            var octet = uint.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
            if (octet > 255)
            {
                return false;
            }

            value = (value << 8) | octet;
        }

        address = new Ipv4Address(value);
        return true;
    }

    /// <summary>The address as an <see cref="IPAddress"/> (allocates; for the edges, not the packet path).</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[4];
        Write(bytes);
        return new IPAddress(bytes);
    }

    /// <inheritdoc />
    public int CompareTo(Ipv4Address other) => Value.CompareTo(other.Value);

    public static bool operator <(Ipv4Address left, Ipv4Address right) => left.Value < right.Value;

    public static bool operator >(Ipv4Address left, Ipv4Address right) => left.Value > right.Value;

    public static bool operator <=(Ipv4Address left, Ipv4Address right) => left.Value <= right.Value;

    public static bool operator >=(Ipv4Address left, Ipv4Address right) => left.Value >= right.Value;

    /// <summary>Dotted-quad text.</summary>
    public override string ToString() => $"{Value >> 24}.{(Value >> 16) & 0xFF}.{(Value >> 8) & 0xFF}.{Value & 0xFF}";
}
