using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Appliance.HaAgent.Arp;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Linux;

/// <summary>
/// <see cref="IGarpSender"/> on one AF_PACKET raw socket per interface (packet(7)). Opened with protocol 0, so it
/// receives nothing; each frame is built once per address (<see cref="GarpFrame"/>) from the interface's MAC and
/// written with MSG_DONTWAIT. Pacing and rate limiting per interface are the driver's (<c>GarpPacer</c>).
/// </summary>
public sealed class PacketGarpSender : IGarpSender, IDisposable
{
    private const int SockaddrLlLength = 20;

    private readonly ConcurrentDictionary<string, Device> _devices = new(StringComparer.Ordinal);
    private long _sent;

    /// <summary>Frames written so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>
    /// Opens the interface's socket and builds the frame for <paramref name="address"/> now, so the first burst after a
    /// failover does not pay for sysfs reads, a socket and code that has never run (checked: it would fail here, at start-up).
    /// </summary>
    public void Prepare(string device, Ipv4Address address) => _devices.GetOrAdd(device, Device.Open).FrameFor(address);

    /// <inheritdoc />
    public ValueTask SendAsync(string device, Ipv4Address address, CancellationToken cancellationToken)
    {
        var state = _devices.GetOrAdd(device, Device.Open);
        var frame = state.FrameFor(address);
        var error = state.Send(frame);
        if (error != 0)
        {
            return ValueTask.FromException(new System.Net.Sockets.SocketException(error));
        }

        Interlocked.Increment(ref _sent);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var device in _devices.Values)
        {
            device.Dispose();
        }

        _devices.Clear();
    }

    private sealed class Device : IDisposable
    {
        private readonly SafeSocketFd _fd;
        private readonly byte[] _mac;
        private readonly byte[] _linkAddress;
        private readonly ConcurrentDictionary<Ipv4Address, byte[]> _frames = new();

        private Device(SafeSocketFd fd, byte[] mac, byte[] linkAddress)
        {
            _fd = fd;
            _mac = mac;
            _linkAddress = linkAddress;
        }

        public static Device Open(string name)
        {
            var index = LibC.InterfaceIndex(name);
            var mac = GarpFrame.ParseMac(File.ReadAllText($"/sys/class/net/{name}/address"));
            var fd = LibC.Socket(LibC.AfPacket, LibC.SockRaw | LibC.SockCloexec, 0);
            if (fd < 0)
            {
                throw new InvalidOperationException($"cannot open an AF_PACKET socket for {name}: {LibC.LastErrorMessage()}");
            }

            // struct sockaddr_ll { u16 family; be16 protocol; int ifindex; u16 hatype; u8 pkttype; u8 halen; u8 addr[8]; }
            var link = new byte[SockaddrLlLength];
            BinaryPrimitives.WriteUInt16LittleEndian(link, LibC.AfPacket);
            BinaryPrimitives.WriteUInt16BigEndian(link.AsSpan(2), LibC.EthPArp);
            BinaryPrimitives.WriteInt32LittleEndian(link.AsSpan(4), index);
            link[11] = 6;
            link.AsSpan(12, 6).Fill(0xFF);
            return new Device(new SafeSocketFd(fd), mac, link);
        }

        public byte[] FrameFor(Ipv4Address address) => _frames.GetOrAdd(address, a => GarpFrame.Build(_mac, a));

        public unsafe int Send(byte[] frame)
        {
            var added = false;
            _fd.DangerousAddRef(ref added);
            try
            {
                fixed (byte* data = frame)
                fixed (byte* to = _linkAddress)
                {
                    var sent = LibC.SendTo((int)_fd.DangerousGetHandle(), data, frame.Length, LibC.MsgDontWait, to, SockaddrLlLength);
                    return sent < 0 ? Marshal.GetLastPInvokeError() : 0;
                }
            }
            finally
            {
                if (added)
                {
                    _fd.DangerousRelease();
                }
            }
        }

        public void Dispose() => _fd.Dispose();
    }
}
