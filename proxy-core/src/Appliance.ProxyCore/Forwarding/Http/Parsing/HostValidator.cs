namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>
/// Validates <c>uri-host [ ":" port ]</c> (RFC 9110 §7.2, RFC 3986 §3.2.2) for Host values and request-target
/// authorities. Stricter than RFC 3986 on purpose: a reg-name may hold only unreserved characters and pct-encodings
/// (no sub-delims such as <c>!$&amp;'()*+,;=</c>, which no real host name contains and which confuse back ends),
/// userinfo (<c>@</c>) is refused (RFC 9110 §4.2.4), IPvFuture is refused, the host may not be empty, and a colon
/// must be followed by a port of 1 to 5 digits no greater than 65535.
/// </summary>
internal static class HostValidator
{
    /// <summary>Splits and validates; <paramref name="port"/> is -1 when there is none.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out ReadOnlySpan<byte> host, out int port)
    {
        host = default;
        port = -1;
        if (value.IsEmpty)
        {
            return false;
        }

        ReadOnlySpan<byte> rest;
        if (value[0] == (byte)'[')
        {
            var close = value.IndexOf((byte)']');
            if (close < 3)
            {
                return false;
            }

            var literal = value[1..close];
            if (literal.ContainsAnyExcept(HttpChars.IpLiteral) || !literal.Contains((byte)':'))
            {
                return false;
            }

            host = value[..(close + 1)];
            rest = value[(close + 1)..];
        }
        else
        {
            var colon = value.IndexOf((byte)':');
            host = colon < 0 ? value : value[..colon];
            rest = colon < 0 ? default : value[colon..];
            if (host.IsEmpty || host.ContainsAnyExcept(HttpChars.RegName) || !PercentEncodingIsValid(host))
            {
                return false;
            }
        }

        if (rest.IsEmpty)
        {
            return true;
        }

        return rest[0] == (byte)':' && TryParsePort(rest[1..], out port);
    }

    private static bool TryParsePort(ReadOnlySpan<byte> digits, out int port)
    {
        port = -1;
        if (digits.IsEmpty || digits.Length > 5)
        {
            return false;
        }

        var value = 0;
        foreach (var b in digits)
        {
            if (!HttpChars.IsDigit(b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        if (value > 65535)
        {
            return false;
        }

        port = value;
        return true;
    }

    private static bool PercentEncodingIsValid(ReadOnlySpan<byte> host)
    {
        var percent = host.IndexOf((byte)'%');
        while (percent >= 0)
        {
            if (percent + 2 >= host.Length || HttpChars.HexValue(host[percent + 1]) < 0 || HttpChars.HexValue(host[percent + 2]) < 0)
            {
                return false;
            }

            host = host[(percent + 3)..];
            percent = host.IndexOf((byte)'%');
        }

        return true;
    }
}
