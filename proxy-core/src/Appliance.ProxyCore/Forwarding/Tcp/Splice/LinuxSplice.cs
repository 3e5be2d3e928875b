using System.Runtime.InteropServices;

namespace Appliance.ProxyCore.Forwarding.Tcp.Splice;

/// <summary>
/// The libc calls behind zero-copy forwarding: pipe2(2), splice(2), fcntl(2) for the pipe's size, read(2) to drain a
/// pipe when a socket's send buffer is full. Constants are Linux's (include/uapi/asm-generic/fcntl.h,
/// include/linux/splice.h, include/uapi/asm-generic/errno-base.h); O_NONBLOCK and O_CLOEXEC have these values on
/// x86-64 and arm64.
/// </summary>
internal static partial class LinuxSplice
{
    public const int ONonBlock = 0x800;
    public const int OCloexec = 0x80000;

    /// <summary>SPLICE_F_MOVE: move pages instead of copying (a hint).</summary>
    public const uint SpliceFMove = 1;

    /// <summary>SPLICE_F_NONBLOCK: never block on the pipe (the sockets are non-blocking themselves).</summary>
    public const uint SpliceFNonBlock = 2;

    /// <summary>F_GETPIPE_SZ (F_LINUX_SPECIFIC_BASE + 8).</summary>
    public const int FGetPipeSize = 1032;

    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int EPerm = 1;
    public const int EPipe = 32;
    public const int EInval = 22;
    public const int ENoSys = 38;
    public const int ENotConn = 107;
    public const int EConnAborted = 103;
    public const int EConnReset = 104;
    public const int ETimedOut = 110;
    public const int EOpNotSupp = 95;

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    public static unsafe partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "splice", SetLastError = true)]
    public static partial nint Splice(int fdIn, nint offIn, int fdOut, nint offOut, nuint length, uint flags);

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
