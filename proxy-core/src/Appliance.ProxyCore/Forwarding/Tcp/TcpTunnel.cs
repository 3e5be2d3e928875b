using System.Buffers;
using System.Net.Sockets;
using Appliance.ProxyCore.Forwarding.Tcp.Splice;

namespace Appliance.ProxyCore.Forwarding.Tcp;

/// <summary>
/// Copies bytes both ways between two connected sockets until both directions are finished. A FIN from one side is
/// passed on as a half-close (shutdown of the send side) so the other direction keeps flowing; an error on either side
/// or an idle timeout aborts both. Buffers come from the shared pool only while data is pending: each pump first waits
/// with a zero-byte receive, so an idle tunnel holds no buffer (the reason 10,000 idle connections stay small).
/// A direction may instead splice (TcpTunnel.Splice.cs): socket to pipe to socket inside the kernel. Where that loses
/// no parallelism, both sockets complete inline on the socket event thread while the tunnel runs
/// (<see cref="InlineCompletions"/>).
/// </summary>
public sealed partial class TcpTunnel : IDisposable
{
    /// <summary>16 KiB, HAProxy's default tune.bufsize.</summary>
    public const int BufferSize = 16 * 1024;

    private readonly Socket _client;
    private readonly Socket _server;
    private readonly IdleWatch _idle;
    private readonly CancellationTokenRegistration _stopRegistration;
    private readonly TunnelSplice _splice;
    private readonly ITunnelMeter? _meter;
    private long _fromClient;
    private long _fromServer;
    private string? _termination;
    private int _aborted;

    private TcpTunnel(
        Socket client, Socket server, TunnelTimeouts timeouts, TimeProvider time, TunnelSplice splice, ITunnelMeter? meter, CancellationToken stop)
    {
        _client = client;
        _server = server;
        _splice = splice;
        _meter = meter;
        _idle = new IdleWatch(time, timeouts, side => Abort(side));
        _stopRegistration = stop.Register(static s => ((TcpTunnel)s!).Abort("aborted"), this);
    }

    /// <summary>Runs the tunnel to its end, copying both ways (see the overload with <see cref="TunnelSplice"/>).</summary>
    public static Task<TunnelResult> RunAsync(
        Socket client, Socket server, TunnelTimeouts timeouts, TimeProvider time, CancellationToken stop) =>
        RunAsync(client, server, timeouts, time, TunnelSplice.Off, stop);

    /// <summary>Runs the tunnel to its end. Never throws for network errors; the sockets are left for the caller to dispose.</summary>
    /// <param name="splice">Which directions splice (<see cref="TunnelSplice.Off"/>: both copy).</param>
    public static Task<TunnelResult> RunAsync(
        Socket client, Socket server, TunnelTimeouts timeouts, TimeProvider time, TunnelSplice splice, CancellationToken stop) =>
        RunAsync(client, server, timeouts, time, splice, null, stop);

    /// <summary>Runs the tunnel to its end, telling <paramref name="meter"/> of every chunk passed on.</summary>
    internal static async Task<TunnelResult> RunAsync(
        Socket client, Socket server, TunnelTimeouts timeouts, TimeProvider time, TunnelSplice splice, ITunnelMeter? meter, CancellationToken stop)
    {
        // Both pumps start synchronously with a receive on their source socket, which is also what sets each socket's
        // descriptor to O_NONBLOCK in .NET (it does so lazily, at the first asynchronous operation); splice(2) on a
        // socket relies on that to never block a thread.
        // Where it loses no parallelism the pumps run on the socket event thread (InlineCompletions): each wake-up is
        // a receive and a send, cheaper than the thread-pool hop it replaces. What follows the tunnel goes back to the pool.
        var inline = InlineCompletions.Preferred;
        if (inline)
        {
            InlineCompletions.Set(client, true);
            InlineCompletions.Set(server, true);
        }

        using var tunnel = new TcpTunnel(client, server, timeouts, time, splice, meter, stop);
        var up = tunnel.PumpAsync(fromClient: true);
        var down = tunnel.PumpAsync(fromClient: false);
        await Task.WhenAll(up, down).ConfigureAwait(false);
        if (inline)
        {
            InlineCompletions.Set(client, false);
            InlineCompletions.Set(server, false);
            await Task.Yield();
        }

        return new TunnelResult(tunnel._fromClient, tunnel._fromServer, tunnel._termination);
    }

    /// <summary>Stops the idle timer and the stop registration; the sockets belong to the caller.</summary>
    public void Dispose()
    {
        _idle.Dispose();
        _stopRegistration.Dispose();
    }

    private async Task PumpAsync(bool fromClient)
    {
        var mode = _splice.ModeOf(fromClient);
        if (mode == SpliceMode.Always && await SpliceAsync(fromClient).ConfigureAwait(false))
        {
            return;
        }

        // Auto copies until a read fills the buffer, then splices; without a pipe it goes on copying.
        if (await CopyAsync(fromClient, switchWhenFull: mode == SpliceMode.Auto).ConfigureAwait(false)
            && !await SpliceAsync(fromClient).ConfigureAwait(false))
        {
            await CopyAsync(fromClient, switchWhenFull: false).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Copies through a pooled buffer until the direction ends (false) or, with <paramref name="switchWhenFull"/>, until a
    /// read filled the whole buffer and was sent (true: the caller splices from there).
    /// </summary>
    private async Task<bool> CopyAsync(bool fromClient, bool switchWhenFull)
    {
        var source = fromClient ? _client : _server;
        var target = fromClient ? _server : _client;
        byte[]? buffer = null;
        var sending = false;
        try
        {
            while (true)
            {
                if (buffer is null)
                {
                    // Wait for data without holding a buffer.
                    await source.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None).ConfigureAwait(false);
                    buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                }

                var read = await source.ReceiveAsync(buffer.AsMemory(), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    OnFin(fromClient, target);
                    return false;
                }

                MarkActive(fromClient);
                sending = true;

                // Inlined rather than a helper: an async ValueTask helper would allocate a box each time it suspends.
                for (var offset = 0; offset < read;)
                {
                    offset += await target.SendAsync(buffer.AsMemory(offset, read - offset), SocketFlags.None).ConfigureAwait(false);
                }

                sending = false;
                MarkActive(!fromClient);
                Count(fromClient, read);
                if (switchWhenFull && read == buffer.Length)
                {
                    return true;
                }

                if (read < buffer.Length)
                {
                    // Drained what was pending: give the buffer back while waiting for more.
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Fail(fromClient, sending, ex);
            return false;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private void OnFin(bool fromClient, Socket target)
    {
        if (fromClient)
        {
            _idle.ClientFinished();
        }
        else
        {
            _idle.ServerFinished();
        }

        try
        {
            target.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            Abort(fromClient ? "server-reset" : "client-reset");
        }
    }

    /// <summary>A failed receive blames the source side, a failed send the target side.</summary>
    private void Fail(bool fromClient, bool sending, Exception ex)
    {
        var clientFailed = fromClient != sending;
        Abort(ex is OperationCanceledException ? "aborted" : clientFailed ? "client-reset" : "server-reset");
    }

    private void Count(bool fromClient, long bytes)
    {
        // Each total has one writer (its direction's pump) and is read once both pumps ended.
        if (fromClient)
        {
            _fromClient += bytes;
            _meter?.FromClient(bytes);
        }
        else
        {
            _fromServer += bytes;
            _meter?.FromServer(bytes);
        }
    }

    private void MarkActive(bool client)
    {
        if (client)
        {
            _idle.ClientActive();
        }
        else
        {
            _idle.ServerActive();
        }
    }

    private void Abort(string reason)
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        _termination = reason;

        // Closing both sockets fails every pending receive and send, which ends both pumps. A reset is passed on as a
        // reset (linger 0); a timeout or a stop closes gracefully with a FIN, as HAProxy does.
        var hard = reason.EndsWith("-reset", StringComparison.Ordinal);
        Close(_client, hard);
        Close(_server, hard);
    }

    private static void Close(Socket socket, bool hard)
    {
        if (!hard)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        }

        if (hard)
        {
            socket.Close(0);
        }
        else
        {
            socket.Close();
        }
    }
}
