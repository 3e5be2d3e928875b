using System.Runtime.InteropServices;

namespace Appliance.HaAgent.Linux;

/// <summary>
/// The few libc calls the BCL does not cover: raw IPPROTO_VRRP and AF_PACKET sockets, rtnetlink and per-thread
/// scheduling. Constants are Linux's (include/uapi/linux/*.h, bits/socket.h).
/// </summary>
internal static partial class LibC
{
    public const int AfInet = 2;
    public const int AfNetlink = 16;
    public const int AfPacket = 17;
    public const int SockRaw = 3;
    public const int SockCloexec = 0x80000;

    public const int SolSocket = 1;
    public const int SoRcvbuf = 8;
    public const int SoBindToDevice = 25;

    public const int SolIp = 0;
    public const int IpTos = 1;
    public const int IpTtl = 2;
    public const int IpMulticastIf = 32;
    public const int IpMulticastTtl = 33;
    public const int IpMulticastLoop = 34;
    public const int IpAddMembership = 35;

    public const int NetlinkRoute = 0;

    /// <summary>ETH_P_ARP (include/uapi/linux/if_ether.h).</summary>
    public const ushort EthPArp = 0x0806;

    /// <summary>MSG_DONTWAIT: a send never blocks the advert thread.</summary>
    public const int MsgDontWait = 0x40;

    public const int PrioProcess = 0;

    public const int ENetDown = 100;
    public const int ENetUnreach = 101;
    public const int EHostUnreach = 113;
    public const int ENoBufs = 105;
    public const int EAgain = 11;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    public static unsafe partial int Bind(int fd, byte* address, int addressLength);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    public static unsafe partial nint SendTo(int fd, byte* buffer, nint length, int flags, byte* address, int addressLength);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static unsafe partial nint Recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint IfNameToIndex(string name);

    [LibraryImport("libc", EntryPoint = "gettid")]
    public static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    public static partial int SetPriority(int which, int who, int priority);

    /// <summary>The interface index of <paramref name="device"/>; throws when there is no such interface.</summary>
    public static int InterfaceIndex(string device)
    {
        var index = IfNameToIndex(device);
        if (index == 0)
        {
            throw new InvalidOperationException($"interface '{device}' does not exist ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})");
        }

        return (int)index;
    }

    /// <summary>The errno of the last call, as text, for messages.</summary>
    public static string LastErrorMessage() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
}
