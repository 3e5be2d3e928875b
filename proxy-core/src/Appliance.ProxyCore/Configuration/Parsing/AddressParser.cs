using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Splits addresses the way HAProxy does: <c>[IPv6]:PORT</c>; otherwise the port follows the last colon, so a bare
/// IPv6 address needs a port (<c>::1:80</c>). <c>ipv4@</c>/<c>ipv6@</c> prefixes force the family; UNIX sockets and
/// other families are refused. Returns an error message (without context) instead of throwing.
/// </summary>
internal static class AddressParser
{
    private static readonly string[] UnsupportedPrefixes = ["unix@", "abns@", "fd@", "sockpair@", "udp@", "udp4@", "udp6@", "quic4@", "quic6@", "uxst@", "uxdg@"];

    public static AddressParts? Split(string text, out string? error)
    {
        error = null;
        var family = AddressFamily.Unspecified;
        var rest = text;
        if (rest.StartsWith("ipv4@", StringComparison.Ordinal))
        {
            family = AddressFamily.InterNetwork;
            rest = rest[5..];
        }
        else if (rest.StartsWith("ipv6@", StringComparison.Ordinal))
        {
            family = AddressFamily.InterNetworkV6;
            rest = rest[5..];
        }
        else if (rest.StartsWith('/') || Array.Exists(UnsupportedPrefixes, p => rest.StartsWith(p, StringComparison.Ordinal)))
        {
            error = ConfigMessages.UnsupportedAddressFamily();
            return null;
        }

        string host;
        string? port;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0 || (close + 1 < rest.Length && rest[close + 1] != ':'))
            {
                error = ConfigMessages.BadBracketedAddress();
                return null;
            }

            host = rest[1..close];
            port = close + 1 < rest.Length ? rest[(close + 2)..] : null;
            family = family == AddressFamily.Unspecified ? AddressFamily.InterNetworkV6 : family;
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            host = colon < 0 ? rest : rest[..colon];
            port = colon < 0 ? null : rest[(colon + 1)..];
        }

        var slash = (port ?? host).IndexOf('/');
        if (slash >= 0)
        {
            error = ConfigMessages.AddressWithPath((port ?? host)[slash..]);
            return null;
        }

        return new AddressParts(host, port, family);
    }

    /// <summary>
    /// Parses an IP literal strictly: IPv4 only as four dotted decimal numbers (the OS parser would also accept
    /// <c>10.1</c> or <c>1234</c>), IPv6 in any standard form.
    /// </summary>
    public static IPAddress? ParseIp(string host, AddressFamily family = AddressFamily.Unspecified)
    {
        IPAddress? address = null;
        if (host.Contains(':'))
        {
            if (IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                address = v6;
            }
        }
        else
        {
            var parts = host.Split('.');
            if (parts.Length == 4 && Array.TrueForAll(parts, p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit)
                    && int.Parse(p, CultureInfo.InvariantCulture) <= 255))
            {
                address = IPAddress.Parse(host);
            }
        }

        return address is not null && (family == AddressFamily.Unspecified || address.AddressFamily == family) ? address : null;
    }

    /// <summary>True for a plausible DNS name (letters, digits, '-', '_' and dots, not all digits and dots).</summary>
    public static bool IsHostName(string host) =>
        host.Length is > 0 and <= 253
        && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')
        && host.Any(char.IsAsciiLetter);
}
