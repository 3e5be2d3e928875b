using System.Buffers;
using System.Net.Sockets;
using Appliance.ProxyCore.Forwarding.Tcp.Splice;

namespace Appliance.ProxyCore.Forwarding.Tcp;

/// <summary>The zero-copy pump: splice(2) socket → pipe → socket (Linux).</summary>
public sealed partial class TcpTunnel
{
    /// <summary>
    /// What one wait for room in a full send buffer takes out of the pipe and sends from user space: one page. .NET has
    /// no "wait until writable" for a socket; a send does wait, so the pump sends this much and splices the rest.
    /// </summary>
    private const int WriteWaitChunk = 4096;

    /// <summary>
    /// Splices one direction to its end (true), or returns false with nothing left in the pipe when no pipe is free or
    /// the kernel refuses to splice (the caller copies the rest).
    /// </summary>
    private async Task<bool> SpliceAsync(bool fromClient)
    {
        var pool = _splice.Pipes;
        var pipe = pool?.TryRent(_splice.MaxPipes);
        if (pool is null || pipe is null)
        {
            return false;
        }

        var source = fromClient ? _client : _server;
        var target = fromClient ? _server : _client;
        var sending = false;
        var wait = true;
        try
        {
            while (true)
            {
                if (wait)
                {
                    // Wait for data or a FIN without holding anything (.NET peeks one byte, then waits on epoll).
                    await source.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                }

                var moved = pipe.FillFrom(source);
                if (moved == SplicePipe.Unsupported)
                {
                    pool.MarkUnsupported();
                    return false;
                }

                if (moved == SplicePipe.WouldBlock)
                {
                    wait = true;
                    continue;
                }

                if (moved == 0)
                {
                    OnFin(fromClient, target);
                    return true;
                }

                MarkActive(fromClient);
                sending = true;
                while (pipe.Pending > 0)
                {
                    var sent = pipe.DrainTo(target);
                    if (sent == SplicePipe.WouldBlock)
                    {
                        // The send buffer is full: send a page from user space, which waits for room without a thread.
                        var chunk = ArrayPool<byte>.Shared.Rent(WriteWaitChunk);
                        try
                        {
                            var length = pipe.Read(chunk.AsSpan(0, WriteWaitChunk));
                            pool.CountCopied(length);
                            for (var offset = 0; offset < length;)
                            {
                                offset += await target.SendAsync(chunk.AsMemory(offset, length - offset), SocketFlags.None).ConfigureAwait(false);
                            }

                            sent = length;
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(chunk);
                        }
                    }
                    else
                    {
                        pool.CountSpliced(sent);
                    }

                    MarkActive(!fromClient);
                    Count(fromClient, sent);
                }

                sending = false;

                // A pipe filled to the brim suggests more is waiting: splice again before paying for a wait.
                wait = moved < pipe.Capacity;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Fail(fromClient, sending, ex);
            return true;
        }
        finally
        {
            pool.Return(pipe);
        }
    }
}
