using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Linux;

/// <summary>
/// <see cref="IVrrpTransport"/> on two raw IPPROTO_VRRP (112) sockets bound to the instance's interface
/// (SO_BINDTODEVICE). The send socket is bound to the source address (so adverts leave from <c>unicast_src_ip</c> or the
/// primary address), sends with TTL 255 (RFC 5798 §5.1.1.3) and DSCP CS6, and never blocks (MSG_DONTWAIT). The receive
/// socket is not bound to an address (a raw socket bound to one only sees packets addressed to it, which would hide
/// 224.0.0.18), joins 224.0.0.18 on the interface in multicast mode, and is read with a bounded poll so the receive
/// thread notices cancellation. Multicast loopback is off: our own adverts never come back.
/// </summary>
public sealed class LinuxVrrpTransport : IVrrpTransport
{
    private const int SockaddrInLength = 16;

    // How long one poll waits before the receive loop checks its cancellation token again.
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(200);

    private readonly Socket _send;
    private readonly Socket _receive;
    private readonly Dictionary<Ipv4Address, byte[]> _destinations = [];

    private LinuxVrrpTransport(Socket send, Socket receive, Ipv4Address localAddress)
    {
        _send = send;
        _receive = receive;
        LocalAddress = localAddress;
    }

    /// <inheritdoc />
    public Ipv4Address LocalAddress { get; }

    /// <summary>
    /// Opens the sockets on <paramref name="device"/>. With <paramref name="multicast"/> it joins 224.0.0.18 there and
    /// sends multicast out of it; every address in <paramref name="destinations"/> gets its sockaddr built once here (one a reload adds, at its first advert).
    /// </summary>
    public static LinuxVrrpTransport Open(string device, Ipv4Address localAddress, IReadOnlyList<Ipv4Address> destinations, bool multicast)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        var index = LibC.InterfaceIndex(device);
        Socket? send = null;
        Socket? receive = null;
        try
        {
            send = OpenRawVrrpSocket(device);
            SetInt(send, LibC.SolIp, LibC.IpTtl, VrrpConstants.Ttl);
            SetInt(send, LibC.SolIp, LibC.IpMulticastTtl, VrrpConstants.Ttl);
            SetInt(send, LibC.SolIp, LibC.IpMulticastLoop, 0);
            // DSCP CS6 (RFC 2474 §4.2.2.2, "internetwork control"), as keepalived marks its adverts.
            SetInt(send, LibC.SolIp, LibC.IpTos, 0xC0);
            // The send socket also receives whatever is addressed to its bound address; keep that queue minimal.
            SetInt(send, LibC.SolSocket, LibC.SoRcvbuf, 0);
            send.SetRawSocketOption(LibC.SolIp, LibC.IpMulticastIf, MulticastRequest(Ipv4Address.Any, localAddress, index));
            send.Bind(new System.Net.IPEndPoint(localAddress.ToIPAddress(), 0));

            receive = OpenRawVrrpSocket(device);
            SetInt(receive, LibC.SolIp, LibC.IpMulticastLoop, 0);
            if (multicast)
            {
                receive.SetRawSocketOption(LibC.SolIp, LibC.IpAddMembership, MulticastRequest(Ipv4Address.VrrpMulticast, Ipv4Address.Any, index));
            }

            var transport = new LinuxVrrpTransport(send, receive, localAddress);
            foreach (var destination in destinations)
            {
                transport._destinations[destination] = SockaddrIn(destination);
            }

            return transport;
        }
        catch
        {
            send?.Dispose();
            receive?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask SendAsync(ReadOnlyMemory<byte> vrrpMessage, Ipv4Address destination, CancellationToken cancellationToken)
    {
        if (!_destinations.TryGetValue(destination, out var address))
        {
            // A unicast_peer a reload added: its sockaddr is built on its first advert and kept (the driver thread is
            // the only sender, so the dictionary has one writer and no reader on another thread).
            address = SockaddrIn(destination);
            _destinations[destination] = address;
        }

        var error = Send(vrrpMessage.Span, address);
        return error == 0 ? ValueTask.CompletedTask : ValueTask.FromException(new SocketException(error));
    }

    /// <inheritdoc />
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        // Blocking by design: the driver calls this from its own receive thread, so no thread-pool hop sits between
        // an advert's arrival and the state machine (DESIGN: advert timing must not depend on the proxy's threads).
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_receive.Poll(PollSlice, SelectMode.SelectRead))
            {
                continue;
            }

            var received = _receive.Receive(buffer.Span, SocketFlags.None, out var error);
            if (error == SocketError.Success)
            {
                return new ValueTask<int>(received);
            }

            if (error is not (SocketError.WouldBlock or SocketError.Interrupted))
            {
                throw new SocketException((int)error);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _send.Dispose();
        _receive.Dispose();
        return ValueTask.CompletedTask;
    }

    private unsafe int Send(ReadOnlySpan<byte> message, byte[] address)
    {
        fixed (byte* data = message)
        fixed (byte* to = address)
        {
            var sent = LibC.SendTo((int)_send.Handle, data, message.Length, LibC.MsgDontWait, to, SockaddrInLength);
            return sent < 0 ? Marshal.GetLastPInvokeError() : 0;
        }
    }

    private static Socket OpenRawVrrpSocket(string device)
    {
        // .NET refuses SocketType.Raw with protocol 112 ("Protocol not supported"); libc does not.
        var fd = LibC.Socket(LibC.AfInet, LibC.SockRaw | LibC.SockCloexec, VrrpConstants.IpProtocol);
        if (fd < 0)
        {
            throw new SocketException(Marshal.GetLastPInvokeError());
        }

        var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        try
        {
            var name = new byte[Encoding.ASCII.GetByteCount(device) + 1];
            Encoding.ASCII.GetBytes(device, name);
            socket.SetRawSocketOption(LibC.SolSocket, LibC.SoBindToDevice, name);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void SetInt(Socket socket, int level, int name, int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        MemoryMarshal.Write(bytes, in value);
        socket.SetRawSocketOption(level, name, bytes);
    }

    // struct ip_mreqn { struct in_addr imr_multiaddr; struct in_addr imr_address; int imr_ifindex; } (linux/in.h)
    private static byte[] MulticastRequest(Ipv4Address group, Ipv4Address local, int interfaceIndex)
    {
        var request = new byte[12];
        group.Write(request);
        local.Write(request.AsSpan(4));
        MemoryMarshal.Write(request.AsSpan(8), in interfaceIndex);
        return request;
    }

    // struct sockaddr_in { sa_family_t sin_family (host order); in_port_t sin_port; struct in_addr sin_addr; char zero[8]; }
    private static byte[] SockaddrIn(Ipv4Address address)
    {
        var bytes = new byte[SockaddrInLength];
        var family = (ushort)LibC.AfInet;
        MemoryMarshal.Write(bytes, in family);
        address.Write(bytes.AsSpan(4));
        return bytes;
    }
}
