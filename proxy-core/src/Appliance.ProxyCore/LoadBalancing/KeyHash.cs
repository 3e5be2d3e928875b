using System.Net;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// The hash of a balancing key: FNV-1a over the bytes, then the MurmurHash3 finaliser so that close keys (neighbouring
/// addresses, URIs differing in one character) land far apart once reduced modulo a small total weight.
/// </summary>
internal static class KeyHash
{
    private const uint FnvOffsetBasis = 2166136261;
    private const uint FnvPrime = 16777619;

    public static uint Of(ReadOnlySpan<byte> bytes)
    {
        var hash = FnvOffsetBasis;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        return Avalanche(hash);
    }

    /// <summary>Hashes UTF-16 code units (both bytes of each), case-sensitively as HAProxy does.</summary>
    public static uint Of(ReadOnlySpan<char> chars)
    {
        var hash = FnvOffsetBasis;
        foreach (var c in chars)
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            hash = (hash ^ (byte)(c >> 8)) * FnvPrime;
        }

        return Avalanche(hash);
    }

    /// <summary>
    /// Hashes the address bytes (4 for IPv4, 16 for IPv6). An IPv4-mapped IPv6 address (a dual-stack listener) hashes
    /// as its IPv4 form so a client keeps its server whichever socket accepted it.
    /// </summary>
    public static uint Of(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return 0;
        }

        return written == 16 && address.IsIPv4MappedToIPv6 ? Of(bytes[12..16]) : Of(bytes[..written]);
    }

    private static uint Avalanche(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }
}
