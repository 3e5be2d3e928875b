using System.Net;

namespace Appliance.ProxyCore.Acl;

/// <summary>
/// One fetched value. A ref struct so that string values are spans into the request (or a converter's scratch
/// buffer) and nothing is allocated per evaluation.
/// </summary>
public readonly ref struct Sample
{
    private Sample(SampleType type, ReadOnlySpan<char> text, long integer, IPAddress? address)
    {
        Type = type;
        Text = text;
        Number = integer;
        Address = address;
    }

    public SampleType Type { get; }

    /// <summary>The value of a <see cref="SampleType.String"/> sample.</summary>
    public ReadOnlySpan<char> Text { get; }

    /// <summary>The value of an integer sample, or 1/0 for a boolean one.</summary>
    public long Number { get; }

    /// <summary>The value of an <see cref="SampleType.Address"/> sample.</summary>
    public IPAddress? Address { get; }

    public static Sample FromText(ReadOnlySpan<char> text) => new(SampleType.String, text, 0, null);

    public static Sample FromInteger(long value) => new(SampleType.Integer, default, value, null);

    public static Sample FromBoolean(bool value) => new(SampleType.Boolean, default, value ? 1 : 0, null);

    public static Sample FromAddress(IPAddress address) => new(SampleType.Address, default, 0, address);

    /// <summary>
    /// Writes the value as text into <paramref name="buffer"/> (integers in decimal, addresses in their usual form,
    /// booleans as 1/0) and returns the written part, or the string value itself. The buffer needs 45 chars (an IPv6
    /// address); 64 is plenty.
    /// </summary>
    public ReadOnlySpan<char> AsText(Span<char> buffer)
    {
        switch (Type)
        {
            case SampleType.String:
                return Text;
            case SampleType.Address:
                return Address!.TryFormat(buffer, out var written) ? buffer[..written] : default;
            default:
                return Number.TryFormat(buffer, out written, default, System.Globalization.CultureInfo.InvariantCulture) ? buffer[..written] : default;
        }
    }
}
