using System.Text;

namespace Appliance.ProxyCore.Forwarding.Http.Parsing;

/// <summary>Maps a field name to <see cref="KnownHeader"/>, case-insensitively (RFC 9110 §5.1), without allocating.</summary>
public static class KnownHeaders
{
    /// <summary>The known header a name denotes, or <see cref="KnownHeader.Other"/>.</summary>
    public static KnownHeader Lookup(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when Ascii.EqualsIgnoreCase(name, "TE"u8) => KnownHeader.TE,
        4 when Ascii.EqualsIgnoreCase(name, "Host"u8) => KnownHeader.Host,
        6 when Ascii.EqualsIgnoreCase(name, "Expect"u8) => KnownHeader.Expect,
        7 when Ascii.EqualsIgnoreCase(name, "Upgrade"u8) => KnownHeader.Upgrade,
        7 when Ascii.EqualsIgnoreCase(name, "Trailer"u8) => KnownHeader.Trailer,
        10 when Ascii.EqualsIgnoreCase(name, "Connection"u8) => KnownHeader.Connection,
        10 when Ascii.EqualsIgnoreCase(name, "Keep-Alive"u8) => KnownHeader.KeepAlive,
        14 when Ascii.EqualsIgnoreCase(name, "Content-Length"u8) => KnownHeader.ContentLength,
        16 when Ascii.EqualsIgnoreCase(name, "Proxy-Connection"u8) => KnownHeader.ProxyConnection,
        17 when Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8) => KnownHeader.TransferEncoding,
        _ => KnownHeader.Other,
    };
}
