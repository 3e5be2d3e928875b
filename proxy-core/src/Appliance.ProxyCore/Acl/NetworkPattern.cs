using System.Net;
using System.Net.Sockets;

namespace Appliance.ProxyCore.Acl;

/// <summary>
/// An IPv4 or IPv6 network (an address is a network with a full prefix). IPv4-mapped IPv6 addresses
/// (<c>::ffff:10.0.0.1</c>) match IPv4 networks, since a dual-stack listener reports IPv4 clients that way.
/// </summary>
public sealed class NetworkPattern
{
    private readonly byte[] _network;

    public NetworkPattern(IPAddress address, int prefixLength)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
            prefixLength = Math.Max(0, prefixLength - 96);
        }

        _network = address.GetAddressBytes();
        PrefixLength = prefixLength;
        Family = address.AddressFamily;
        Mask(_network, prefixLength);
    }

    public AddressFamily Family { get; }

    public int PrefixLength { get; }

    public bool Contains(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return false;
        }

        return Contains(bytes[..written]);
    }

    /// <summary>True when the address given as 4 (IPv4) or 16 (IPv6) bytes lies in the network.</summary>
    public bool Contains(ReadOnlySpan<byte> address)
    {
        if (address.Length == 16 && Family == AddressFamily.InterNetwork && IsMappedV4(address))
        {
            address = address[12..];
        }

        if (address.Length != _network.Length)
        {
            return false;
        }

        var fullBytes = PrefixLength / 8;
        if (!address[..fullBytes].SequenceEqual(_network.AsSpan(0, fullBytes)))
        {
            return false;
        }

        var rest = PrefixLength % 8;
        return rest == 0 || (address[fullBytes] & (0xFF << (8 - rest)) & 0xFF) == _network[fullBytes];
    }

    public override string ToString() => $"{new IPAddress(_network)}/{PrefixLength}";

    private static bool IsMappedV4(ReadOnlySpan<byte> address) =>
        address[..10].IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xFF && address[11] == 0xFF;

    private static void Mask(byte[] bytes, int prefixLength)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }
    }
}
