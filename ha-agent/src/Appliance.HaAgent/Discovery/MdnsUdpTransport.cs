using System.Net;
using System.Net.Sockets;
using Appliance.HaAgent.Linux;

namespace Appliance.HaAgent.Discovery;

/// <summary>
/// UDP port 5353 on one interface (Linux). One socket bound to 0.0.0.0:5353 with SO_REUSEADDR and SO_REUSEPORT, so it
/// shares the port with avahi-daemon or another responder on the same host; joined to 224.0.0.251 on the interface only,
/// with IP_MULTICAST_ALL off (no datagrams for groups other sockets joined elsewhere) and IP_PKTINFO to drop datagrams
/// that arrived on another interface. Sends leave through the interface (IP_MULTICAST_IF) with TTL 255 (RFC 6762 §11)
/// and multicast loopback on, so local responders (avahi on this host) hear us too; we hear our own packets, which the
/// responder and browser recognise as ours. A unicast datagram to port 5353 reaches only one of the sockets sharing the
/// port (the kernel's choice), which is why our probes and queries ask for multicast answers.
/// Create it on a thread in the network namespace it is meant for: a socket belongs to the namespace it was created in.
/// </summary>
public sealed class MdnsUdpTransport : IMdnsTransport
{
    // include/uapi/asm-generic/socket.h and include/uapi/linux/in.h.
    private const int SolSocket = 1;
    private const int SoReusePort = 15;
    private const int SolIp = 0;
    private const int IpMulticastAll = 49;
    private const byte Ttl = 255;

    private readonly Socket _socket;
    private readonly int _interfaceIndex;

    private MdnsUdpTransport(Socket socket, int interfaceIndex, IReadOnlyList<(IPAddress, int)> addresses)
    {
        _socket = socket;
        _interfaceIndex = interfaceIndex;
        LocalAddresses = addresses;
    }

    public IReadOnlyList<(IPAddress Address, int PrefixLength)> LocalAddresses { get; }

    /// <summary>Opens the socket on <paramref name="interfaceName"/>; throws when the interface does not exist or has no IPv4 address.</summary>
    public static MdnsUdpTransport Open(string interfaceName)
    {
        var index = LibC.InterfaceIndex(interfaceName);
        var addresses = RtNetlink.GetAddresses(index).Where(a => !a.Secondary).Select(a => (a.Address.ToIPAddress(), a.PrefixLength)).ToList();
        if (addresses.Count == 0)
        {
            throw new InvalidOperationException($"interface '{interfaceName}' has no IPv4 address to announce");
        }

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            socket.SetRawSocketOption(SolIp, IpMulticastAll, BitConverter.GetBytes(0));
            socket.Bind(new IPEndPoint(IPAddress.Any, MdnsConstants.Port));
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(MdnsConstants.Ipv4Group, index));
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.HostToNetworkOrder(index));
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, (int)Ttl);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.IpTimeToLive, (int)Ttl);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.PacketInformation, true);
            return new MdnsUdpTransport(socket, index, addresses);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint destination, CancellationToken cancellationToken) =>
        await _socket.SendToAsync(datagram, SocketFlags.None, destination, cancellationToken);

    public async ValueTask<MdnsDatagram> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _socket.ReceiveMessageFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), cancellationToken);
            if (result.PacketInformation.Interface == _interfaceIndex && result.RemoteEndPoint is IPEndPoint source)
            {
                return new MdnsDatagram(result.ReceivedBytes, source);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
