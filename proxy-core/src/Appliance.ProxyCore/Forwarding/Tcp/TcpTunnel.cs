using System.Buffers;
using System.Net.Sockets;

namespace Appliance.ProxyCore.Forwarding.Tcp;

/// <summary>
/// Copies bytes both ways between two connected sockets until both directions are finished. A FIN from one side is
/// passed on as a half-close (shutdown of the send side) so the other direction keeps flowing; an error on either side
/// or an idle timeout aborts both. Buffers come from the shared pool only while data is pending: each pump first waits
/// with a zero-byte receive, so an idle tunnel holds no buffer (the reason 10,000 idle connections stay small).
/// </summary>
public sealed class TcpTunnel : IDisposable
{
    /// <summary>16 KiB, HAProxy's default tune.bufsize.</summary>
    public const int BufferSize = 16 * 1024;

    private readonly Socket _client;
    private readonly Socket _server;
    private readonly IdleWatch _idle;
    private readonly CancellationTokenRegistration _stopRegistration;
    private long _fromClient;
    private long _fromServer;
    private string? _termination;
    private int _aborted;

    private TcpTunnel(Socket client, Socket server, TunnelTimeouts timeouts, TimeProvider time, CancellationToken stop)
    {
        _client = client;
        _server = server;
        _idle = new IdleWatch(time, timeouts, side => Abort(side));
        _stopRegistration = stop.Register(static s => ((TcpTunnel)s!).Abort("aborted"), this);
    }

    /// <summary>Runs the tunnel to its end. Never throws for network errors; the sockets are left for the caller to dispose.</summary>
    public static async Task<TunnelResult> RunAsync(
        Socket client, Socket server, TunnelTimeouts timeouts, TimeProvider time, CancellationToken stop)
    {
        using var tunnel = new TcpTunnel(client, server, timeouts, time, stop);
        var up = tunnel.PumpAsync(fromClient: true);
        var down = tunnel.PumpAsync(fromClient: false);
        await Task.WhenAll(up, down).ConfigureAwait(false);
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
                    return;
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
                if (fromClient)
                {
                    Interlocked.Add(ref _fromClient, read);
                }
                else
                {
                    Interlocked.Add(ref _fromServer, read);
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
            // A failed receive blames the source side, a failed send the target side.
            var clientFailed = fromClient != sending;
            Abort(ex is OperationCanceledException ? "aborted" : clientFailed ? "client-reset" : "server-reset");
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
