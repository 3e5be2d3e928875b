using System.Net;
using System.Net.Sockets;

namespace Appliance.HaAgent.Discovery;

/// <summary>
/// RFC 6762 §11: a responder accepts a message only from a source on the local link, that is inside one of the
/// interface's subnets (or IPv4 link-local 169.254/16), so a packet routed in from elsewhere is ignored.
/// </summary>
public static class OnLinkFilter
{
    /// <summary>True when <paramref name="source"/> is in one of <paramref name="subnets"/> or in 169.254.0.0/16.</summary>
    public static bool IsOnLink(IPAddress source, IEnumerable<(IPAddress Address, int PrefixLength)> subnets)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.IsIPv4MappedToIPv6)
        {
            source = source.MapToIPv4();
        }

        if (source.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var bytes = source.GetAddressBytes();
        if (bytes[0] == 169 && bytes[1] == 254)
        {
            return true;
        }

        return subnets.Any(s => s.Address.AddressFamily == AddressFamily.InterNetwork && SameSubnet(bytes, s.Address.GetAddressBytes(), s.PrefixLength));
    }

    private static bool SameSubnet(byte[] a, byte[] b, int prefixLength)
    {
        var mask = prefixLength == 0 ? 0u : uint.MaxValue << (32 - prefixLength);
        return (ToUInt(a) & mask) == (ToUInt(b) & mask);
    }

    private static uint ToUInt(byte[] b) => ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
}
