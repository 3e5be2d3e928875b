using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Appliance.ProxyCore.Forwarding.Tcp.Splice;

/// <summary>
/// One kernel pipe that carries one direction of a tunnel: <see cref="FillFrom"/> splices what a socket has received
/// into it, <see cref="DrainTo"/> splices it out to the other socket, so the bytes never enter user space. The handle
/// is the read end; the write end is closed with it. Used by one pump at a time (no locking); <see cref="Pending"/>
/// counts the bytes in the pipe, so an empty pipe can go back to the pool.
/// </summary>
internal sealed class SplicePipe : SafeHandleMinusOneIsInvalid
{
    /// <summary>The socket had nothing to give (on fill) or no room in its send buffer (on drain): EAGAIN.</summary>
    public const long WouldBlock = -1;

    /// <summary>The kernel refused to splice this socket (ENOSYS, EINVAL, EOPNOTSUPP, EPERM) and the pipe is empty.</summary>
    public const long Unsupported = -2;

    private const uint Flags = LinuxSplice.SpliceFMove | LinuxSplice.SpliceFNonBlock;

    private int _writeFd = -1;

    /// <summary>For the marshaller's use; <see cref="TryCreate"/> makes pipes.</summary>
    public SplicePipe()
        : base(ownsHandle: true)
    {
    }

    /// <summary>The pipe's size in bytes (the kernel's default: 64 KiB, 16 pages).</summary>
    public int Capacity { get; private set; }

    /// <summary>Bytes spliced in and not yet out.</summary>
    public int Pending { get; private set; }

    /// <summary>A new non-blocking, close-on-exec pipe; null when the process is out of descriptors or not on Linux.</summary>
    public static unsafe SplicePipe? TryCreate()
    {
        var fds = stackalloc int[2];
        if (LinuxSplice.Pipe2(fds, LinuxSplice.ONonBlock | LinuxSplice.OCloexec) != 0)
        {
            return null;
        }

        var pipe = new SplicePipe { _writeFd = fds[1] };
        pipe.SetHandle(fds[0]);
        var size = LinuxSplice.Fcntl(fds[0], LinuxSplice.FGetPipeSize);
        pipe.Capacity = size > 0 ? size : 64 * 1024;
        return pipe;
    }

    /// <summary>
    /// Splices what <paramref name="source"/> has received into the pipe: the bytes moved (0 = the peer's FIN),
    /// <see cref="WouldBlock"/>, or <see cref="Unsupported"/>. Throws <see cref="SocketException"/> for a socket error.
    /// </summary>
    public long FillFrom(Socket source) => Move(source.SafeHandle, fromSocket: true);

    /// <summary>
    /// Splices pending bytes out to <paramref name="target"/>: the bytes moved or <see cref="WouldBlock"/> (its send
    /// buffer is full). Throws <see cref="SocketException"/> for a socket error.
    /// </summary>
    public long DrainTo(Socket target) => Move(target.SafeHandle, fromSocket: false);

    /// <summary>Reads up to <c>buffer.Length</c> pending bytes into user space (the way around a full send buffer).</summary>
    public unsafe int Read(Span<byte> buffer)
    {
        var length = Math.Min(buffer.Length, Pending);
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var read = LinuxSplice.Read((int)handle, p, (nuint)length);
                if (read > 0)
                {
                    Pending -= (int)read;
                    return (int)read;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (read < 0 && errno == LinuxSplice.EIntr)
                {
                    continue;
                }

                // The pipe holds Pending bytes and nobody else reads it: this cannot happen short of a kernel bug.
                throw new SocketException((int)SocketError.SocketError);
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        LinuxSplice.Close(_writeFd);
        return LinuxSplice.Close((int)handle) == 0;
    }

    private long Move(SafeSocketHandle socket, bool fromSocket)
    {
        // The reference keeps the descriptor number from being closed and reused by another connection during the call;
        // a concurrent Close waits for it (the call never blocks: both ends are non-blocking).
        var added = false;
        try
        {
            socket.DangerousAddRef(ref added);
            var fd = (int)socket.DangerousGetHandle();
            while (true)
            {
                var moved = fromSocket
                    ? LinuxSplice.Splice(fd, 0, _writeFd, 0, (nuint)(Capacity - Pending), Flags)
                    : LinuxSplice.Splice((int)handle, 0, fd, 0, (nuint)Pending, Flags);
                if (moved >= 0)
                {
                    Pending += fromSocket ? (int)moved : -(int)moved;
                    return moved;
                }

                var errno = Marshal.GetLastPInvokeError();
                switch (errno)
                {
                    case LinuxSplice.EIntr:
                        continue;
                    case LinuxSplice.EAgain:
                        return WouldBlock;
                    case LinuxSplice.ENoSys or LinuxSplice.EInval or LinuxSplice.EOpNotSupp or LinuxSplice.EPerm when Pending == 0:
                        return Unsupported;
                    default:
                        throw new SocketException((int)ToSocketError(errno));
                }
            }
        }
        finally
        {
            if (added)
            {
                socket.DangerousRelease();
            }
        }
    }

    private static SocketError ToSocketError(int errno) => errno switch
    {
        LinuxSplice.EConnReset or LinuxSplice.EPipe => SocketError.ConnectionReset,
        LinuxSplice.EConnAborted => SocketError.ConnectionAborted,
        LinuxSplice.ETimedOut => SocketError.TimedOut,
        LinuxSplice.ENotConn => SocketError.NotConnected,
        _ => SocketError.SocketError,
    };
}
