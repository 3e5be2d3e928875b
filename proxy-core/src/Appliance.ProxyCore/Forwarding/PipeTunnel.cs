using System.Buffers;
using System.IO.Pipelines;
using Appliance.ProxyCore.Forwarding.Tcp;

namespace Appliance.ProxyCore.Forwarding;

/// <summary>
/// A byte tunnel between two pipes, for connections that are streams rather than bare sockets: a WebSocket after its
/// 101 Switching Protocols (bytes already buffered behind the heads included) and TCP mode behind TLS termination.
/// Copies both ways, passes an end of stream on as a half-close, and ends both sides when either side fails or the
/// tunnel stays idle past its timeout (<c>timeout tunnel</c>, else client/server).
/// </summary>
internal static class PipeTunnel
{
    public static async Task<TunnelResult> RunAsync(
        PipeReader clientIn, PipeWriter clientOut, Func<ValueTask> closeClientSend,
        PipeReader serverIn, PipeWriter serverOut, Func<ValueTask> closeServerSend,
        Action abortBoth, TunnelTimeouts timeouts, TimeProvider time)
    {
        string? termination = null;
        using var idle = new IdleWatch(time, timeouts, side =>
        {
            termination = side;
            abortBoth();
        });
        var bytes = new long[2];
        var up = PumpAsync(clientIn, serverOut, closeServerSend, idle.ClientActive, idle.ClientFinished, bytes, 0);
        var down = PumpAsync(serverIn, clientOut, closeClientSend, idle.ServerActive, idle.ServerFinished, bytes, 1);
        var first = await Task.WhenAny(up, down).ConfigureAwait(false);
        if (!await first.ConfigureAwait(false))
        {
            termination ??= first == up ? "client-reset" : "server-reset";
            abortBoth();
        }

        var fromClient = await up.ConfigureAwait(false);
        var fromServer = await down.ConfigureAwait(false);
        if (!fromClient || !fromServer)
        {
            termination ??= !fromClient ? "client-reset" : "server-reset";
        }

        return new TunnelResult(bytes[0], bytes[1], termination);
    }

    /// <summary>Copies until the source ends (true) or something fails (false).</summary>
    private static async Task<bool> PumpAsync(
        PipeReader source, PipeWriter target, Func<ValueTask> closeTargetSend, Action active, Action finished, long[] bytes, int slot)
    {
        try
        {
            while (true)
            {
                var read = await source.ReadAsync().ConfigureAwait(false);
                foreach (var segment in read.Buffer)
                {
                    target.Write(segment.Span);
                }

                source.AdvanceTo(read.Buffer.End);
                if (!read.Buffer.IsEmpty)
                {
                    bytes[slot] += read.Buffer.Length;
                    active();
                    if ((await target.FlushAsync().ConfigureAwait(false)).IsCompleted)
                    {
                        return false;
                    }
                }

                if (read.IsCompleted)
                {
                    finished();
                    await closeTargetSend().ConfigureAwait(false);
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException
                                       or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            return false;
        }
    }
}
