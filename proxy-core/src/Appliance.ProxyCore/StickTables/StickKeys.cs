using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Appliance.Contracts.Replication;
using Appliance.ProxyCore.Acl;

namespace Appliance.ProxyCore.StickTables;

/// <summary>
/// Converts between samples, <see cref="StickLookupKey"/> and replication's canonical <see cref="StickKey"/> text,
/// with HAProxy's casts: an IPv4-mapped IPv6 address goes into an <c>ip</c> table as IPv4, an IPv4 address into an
/// <c>ipv6</c> table IPv4-mapped, a string into an address or integer table when it parses, a long string is cut
/// at the table's <c>len</c>. A value that cannot be converted gives no key (the rule does nothing).
/// </summary>
public static class StickKeys
{
    /// <summary>A buffer size for <see cref="TryFromSample"/> that holds any address or integer as text.</summary>
    public const int ScratchLength = 64;

    private static readonly UInt128 MappedPrefix = (UInt128)0xFFFF << 32;

    /// <summary>The key of <paramref name="sample"/> for a table of <paramref name="type"/>; <paramref name="scratch"/> holds converted text.</summary>
    public static bool TryFromSample(StickKeyType type, int length, in Sample sample, Span<char> scratch, out StickLookupKey key)
    {
        key = default;
        switch (type)
        {
            case StickKeyType.Ipv4 or StickKeyType.Ipv6:
                var address = sample.Type == SampleType.Address ? sample.Address
                    : sample.Type == SampleType.String && IPAddress.TryParse(sample.Text, out var parsed) ? parsed : null;
                return address is not null && TryFromAddress(type, address, out key);
            case StickKeyType.Number:
                long number;
                if (sample.Type == SampleType.String)
                {
                    if (!long.TryParse(sample.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
                    {
                        return false;
                    }
                }
                else if (sample.Type is SampleType.Integer or SampleType.Boolean)
                {
                    number = sample.Number;
                }
                else
                {
                    return false;
                }

                key = StickLookupKey.FromNumber((ulong)number);
                return true;
            default:
                var text = sample.AsText(scratch);
                if (text.IsEmpty)
                {
                    return false;
                }

                key = StickLookupKey.FromText(text.Length > length ? text[..length] : text);
                return true;
        }
    }

    /// <summary>The key of an address: IPv4 in the low 32 bits, IPv6 as 128 bits (IPv4 mapped for <c>ipv6</c> tables).</summary>
    public static bool TryFromAddress(StickKeyType type, IPAddress address, out StickLookupKey key)
    {
        key = default;
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return false;
        }

        UInt128 value;
        if (written == 4)
        {
            uint v4 = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            value = type == StickKeyType.Ipv4 ? v4 : MappedPrefix | v4;
        }
        else
        {
            value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
            if (type == StickKeyType.Ipv4)
            {
                if (value >> 32 != (UInt128)0xFFFF)
                {
                    return false;
                }

                value &= uint.MaxValue;
            }
        }

        key = StickLookupKey.FromNumber(value);
        return true;
    }

    /// <summary>Parses replication's canonical text; false when it is not a key of <paramref name="type"/>.</summary>
    public static bool TryParse(StickKey key, int length, out StickLookupKey parsed)
    {
        parsed = default;
        switch (key.Type)
        {
            case StickKeyType.Ipv4 or StickKeyType.Ipv6:
                return IPAddress.TryParse(key.Value, out var address) && TryFromAddress(key.Type, address, out parsed);
            case StickKeyType.Number:
                if (!long.TryParse(key.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    return false;
                }

                parsed = StickLookupKey.FromNumber((ulong)number);
                return true;
            default:
                if (key.Value.Length == 0)
                {
                    return false;
                }

                parsed = StickLookupKey.FromText(key.Value.Length > length ? key.Value.AsSpan(0, length) : key.Value);
                return true;
        }
    }

    /// <summary>The canonical text of an entry's key.</summary>
    internal static StickKey ToKey(StickKeyType type, StickTableEntry entry)
    {
        switch (type)
        {
            case StickKeyType.Ipv4:
                Span<byte> v4 = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)entry.Number);
                return new StickKey(type, new IPAddress(v4).ToString());
            case StickKeyType.Ipv6:
                Span<byte> v6 = stackalloc byte[16];
                BinaryPrimitives.WriteUInt128BigEndian(v6, entry.Number);
                return new StickKey(type, new IPAddress(v6).ToString());
            case StickKeyType.Number:
                return new StickKey(type, ((long)(ulong)entry.Number).ToString(CultureInfo.InvariantCulture));
            default:
                return new StickKey(type, entry.Text!);
        }
    }
}
