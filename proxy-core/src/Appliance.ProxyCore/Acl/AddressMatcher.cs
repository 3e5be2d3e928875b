using System.Net;

namespace Appliance.ProxyCore.Acl;

/// <summary>
/// <c>-m ip</c>: the address lies in one of the networks. Text values (a header such as X-Forwarded-For) are parsed
/// as addresses; IPv4 text is parsed without allocating.
/// </summary>
public sealed class AddressMatcher(IReadOnlyList<NetworkPattern> networks) : PatternMatcher
{
    private readonly NetworkPattern[] _networks = [.. networks];

    public override MatchKind Kind => MatchKind.Ip;

    public override int PatternCount => _networks.Length;

    public IReadOnlyList<NetworkPattern> Networks => _networks;

    public override bool Matches(Sample sample)
    {
        Span<byte> bytes = stackalloc byte[16];
        int length;
        if (sample.Type == SampleType.Address)
        {
            if (!sample.Address!.TryWriteBytes(bytes, out length))
            {
                return false;
            }
        }
        else if (sample.Type == SampleType.String && TryParseV4(sample.Text, bytes))
        {
            length = 4;
        }
        else if (sample.Type == SampleType.String && IPAddress.TryParse(sample.Text, out var parsed) && parsed.TryWriteBytes(bytes, out length))
        {
            // IPv6 text: parsing allocates the address; rare enough on the data path.
        }
        else
        {
            return false;
        }

        foreach (var network in _networks)
        {
            if (network.Contains(bytes[..length]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Strict dotted-quad IPv4 (four decimal parts 0..255).</summary>
    private static bool TryParseV4(ReadOnlySpan<char> text, Span<byte> bytes)
    {
        var part = 0;
        var value = -1;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (value < 0 || part == 3)
                {
                    return false;
                }

                bytes[part++] = (byte)value;
                value = -1;
            }
            else if (c is >= '0' and <= '9')
            {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (part != 3 || value < 0)
        {
            return false;
        }

        bytes[3] = (byte)value;
        return true;
    }
}
