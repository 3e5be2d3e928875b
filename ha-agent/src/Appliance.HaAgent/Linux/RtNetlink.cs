using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Linux;

/// <summary>
/// The three rtnetlink requests the VIP manager needs (rtnetlink(7), include/uapi/linux/rtnetlink.h, if_addr.h):
/// RTM_NEWADDR, RTM_DELADDR and an RTM_GETADDR dump. One short-lived NETLINK_ROUTE socket per call keeps it
/// thread-safe for the exit paths, which may run beside the driver thread. Messages are in host byte order, as
/// netlink is, except the addresses, which are in network order.
/// </summary>
internal static class RtNetlink
{
    public const ushort RtmNewAddr = 20;
    public const ushort RtmDelAddr = 21;
    public const ushort RtmGetAddr = 22;
    public const ushort NlmsgError = 2;
    public const ushort NlmsgDone = 3;
    public const ushort NlmFRequest = 0x1;
    public const ushort NlmFAck = 0x4;
    public const ushort NlmFReplace = 0x100;
    public const ushort NlmFCreate = 0x400;
    public const ushort NlmFDump = 0x300;
    public const ushort IfaAddress = 1;
    public const ushort IfaLocal = 2;
    public const byte IfaFSecondary = 0x01;

    /// <summary>EADDRNOTAVAIL: RTM_DELADDR found no such address (already absent, which is fine).</summary>
    public const int EAddrNotAvail = 99;

    private const int HeaderLength = 16;
    private const int IfAddrMsgLength = 8;
    private const int SockaddrNlLength = 12;

    private static int s_sequence;

    /// <summary>
    /// Writes an RTM_NEWADDR (create or replace: idempotent) or RTM_DELADDR request. A delete carries only IFA_LOCAL, so
    /// it removes the address whatever prefix a previous run gave it. Returns the message length.
    /// </summary>
    public static int WriteAddressRequest(Span<byte> buffer, bool add, int interfaceIndex, Ipv4Address address, int prefixLength, uint sequence)
    {
        var attributes = add ? 2 : 1;
        var length = HeaderLength + IfAddrMsgLength + (attributes * 8);
        var flags = add ? (ushort)(NlmFRequest | NlmFAck | NlmFCreate | NlmFReplace) : (ushort)(NlmFRequest | NlmFAck);
        WriteHeader(buffer, length, add ? RtmNewAddr : RtmDelAddr, flags, sequence);
        var body = buffer[HeaderLength..];
        body[0] = LibC.AfInet;
        body[1] = (byte)prefixLength;
        body[2] = 0;
        body[3] = 0; // RT_SCOPE_UNIVERSE, as `ip addr add` uses for a global address
        BinaryPrimitives.WriteInt32LittleEndian(body[4..], interfaceIndex);
        var offset = HeaderLength + IfAddrMsgLength;
        offset += WriteAddressAttribute(buffer[offset..], IfaLocal, address);
        if (add)
        {
            WriteAddressAttribute(buffer[offset..], IfaAddress, address);
        }

        return length;
    }

    /// <summary>Adds or removes one address; returns 0 or the kernel's errno.</summary>
    public static int ChangeAddress(bool add, int interfaceIndex, Ipv4Address address, int prefixLength)
    {
        Span<byte> request = stackalloc byte[64];
        var sequence = (uint)Interlocked.Increment(ref s_sequence);
        var length = WriteAddressRequest(request, add, interfaceIndex, address, prefixLength, sequence);
        var fd = Open();
        try
        {
            Send(fd, request[..length]);
            Span<byte> reply = stackalloc byte[1024];
            var received = Receive(fd, reply);
            return ReadAck(reply[..received], sequence);
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    /// <summary>The IPv4 addresses on <paramref name="interfaceIndex"/>, in the kernel's order (primaries first per subnet).</summary>
    public static List<(Ipv4Address Address, int PrefixLength, bool Secondary)> GetAddresses(int interfaceIndex)
    {
        Span<byte> request = stackalloc byte[HeaderLength + IfAddrMsgLength];
        var sequence = (uint)Interlocked.Increment(ref s_sequence);
        WriteHeader(request, request.Length, RtmGetAddr, NlmFRequest | NlmFDump, sequence);
        request[HeaderLength..].Clear();
        request[HeaderLength] = LibC.AfInet;
        var result = new List<(Ipv4Address, int, bool)>();
        var fd = Open();
        try
        {
            Send(fd, request);
            var buffer = new byte[32 * 1024];
            while (true)
            {
                var received = Receive(fd, buffer);
                if (ParseDump(buffer.AsSpan(0, received), interfaceIndex, result))
                {
                    return result;
                }
            }
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    /// <summary>Reads one batch of an RTM_GETADDR dump into <paramref name="into"/>; true once NLMSG_DONE was seen.</summary>
    public static bool ParseDump(ReadOnlySpan<byte> batch, int interfaceIndex, List<(Ipv4Address, int, bool)> into)
    {
        while (batch.Length >= HeaderLength)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(batch);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(batch[4..]);
            if (length < HeaderLength || length > batch.Length)
            {
                throw new InvalidOperationException($"malformed netlink message (length {length} of {batch.Length})");
            }

            if (type == NlmsgDone)
            {
                return true;
            }

            if (type == NlmsgError)
            {
                var error = BinaryPrimitives.ReadInt32LittleEndian(batch[HeaderLength..]);
                throw new InvalidOperationException($"RTM_GETADDR failed: {Marshal.GetPInvokeErrorMessage(-error)}");
            }

            if (type == RtmNewAddr && length >= HeaderLength + IfAddrMsgLength)
            {
                var message = batch[HeaderLength..length];
                var index = BinaryPrimitives.ReadInt32LittleEndian(message[4..]);
                if (message[0] == LibC.AfInet && index == interfaceIndex && FindLocal(message[IfAddrMsgLength..]) is { } local)
                {
                    into.Add((local, message[1], (message[2] & IfaFSecondary) != 0));
                }
            }

            batch = batch[Math.Min(Align(length), batch.Length)..];
        }

        return false;
    }

    /// <summary>The errno an NLMSG_ERROR ack carries for <paramref name="sequence"/> (0 = success).</summary>
    public static int ReadAck(ReadOnlySpan<byte> reply, uint sequence)
    {
        while (reply.Length >= HeaderLength + 4)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(reply);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(reply[4..]);
            var seq = BinaryPrimitives.ReadUInt32LittleEndian(reply[8..]);
            if (type == NlmsgError && seq == sequence)
            {
                return -BinaryPrimitives.ReadInt32LittleEndian(reply[HeaderLength..]);
            }

            if (length < HeaderLength)
            {
                break;
            }

            reply = reply[Math.Min(Align(length), reply.Length)..];
        }

        throw new InvalidOperationException("no netlink acknowledgement for the address request");
    }

    private static Ipv4Address? FindLocal(ReadOnlySpan<byte> attributes)
    {
        Ipv4Address? address = null;
        while (attributes.Length >= 4)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(attributes);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(attributes[2..]);
            if (length < 4 || length > attributes.Length)
            {
                break;
            }

            // IFA_LOCAL is the interface's own address; IFA_ADDRESS equals it except on point-to-point links.
            if ((type == IfaLocal || (type == IfaAddress && address is null)) && length >= 8)
            {
                address = Ipv4Address.Read(attributes[4..]);
            }

            attributes = attributes[Math.Min(Align(length), attributes.Length)..];
        }

        return address;
    }

    private static void WriteHeader(Span<byte> buffer, int length, ushort type, ushort flags, uint sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[12..], 0);
    }

    private static int WriteAddressAttribute(Span<byte> buffer, ushort type, Ipv4Address address)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, 8);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[2..], type);
        address.Write(buffer[4..]);
        return 8;
    }

    private static int Align(int length) => (length + 3) & ~3;

    private static int Open()
    {
        var fd = LibC.Socket(LibC.AfNetlink, LibC.SockRaw | LibC.SockCloexec, LibC.NetlinkRoute);
        if (fd < 0)
        {
            throw new InvalidOperationException($"cannot open a netlink socket: {LibC.LastErrorMessage()}");
        }

        return fd;
    }

    private static unsafe void Send(int fd, ReadOnlySpan<byte> message)
    {
        // struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; }: pid 0 = the kernel.
        Span<byte> kernel = stackalloc byte[SockaddrNlLength];
        kernel.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(kernel, LibC.AfNetlink);
        fixed (byte* data = message)
        fixed (byte* to = kernel)
        {
            if (LibC.SendTo(fd, data, message.Length, 0, to, SockaddrNlLength) < 0)
            {
                throw new InvalidOperationException($"netlink send failed: {LibC.LastErrorMessage()}");
            }
        }
    }

    private static unsafe int Receive(int fd, Span<byte> buffer)
    {
        fixed (byte* data = buffer)
        {
            var received = LibC.Recv(fd, data, buffer.Length, 0);
            if (received < 0)
            {
                throw new InvalidOperationException($"netlink receive failed: {LibC.LastErrorMessage()}");
            }

            return (int)received;
        }
    }
}
