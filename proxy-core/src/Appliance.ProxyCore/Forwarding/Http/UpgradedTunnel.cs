using System.Buffers;
using System.IO.Pipelines;
using Appliance.ProxyCore.Forwarding.Tcp;
using Appliance.ProxyCore.Forwarding.Tcp.Splice;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// The tunnel of an upgraded HTTP connection (101 Switching Protocols: WebSocket and the like). A plain client tunnels
/// socket to socket (<see cref="TcpTunnel"/>: no pipes, one pooled buffer per direction only while bytes flow) once
/// the bytes already buffered behind the heads are passed on; a TLS client, a request with a body, or a side that
/// already ended goes through the pipes (<see cref="PipeTunnel"/>). Either way every byte counts, as it passes, for the frontend, the backend, the
/// server and the access log.
/// </summary>
internal static class UpgradedTunnel
{
    /// <param name="requestBodyDone">
    /// False when the upgrade request had a body, whose copy may still be reading the client's pipe: the pipes then
    /// stay the only readers of the client.
    /// </param>
    public static async Task RunAsync(HttpClientConnection client, ServerLink link, TunnelTimeouts timeouts, bool requestBodyDone)
    {
        if (requestBodyDone && !client.Info.IsTls && client.Stream is CountingStream counted
            && await PassBufferedAsync(client.Input, link.Output).ConfigureAwait(false)
            && await PassBufferedAsync(link.Input, client.Output).ConfigureAwait(false))
        {
            var meter = new Meter(counted, link.Connection.Server.State.Traffic, link.Connection.Backend.Traffic);
            await TcpTunnel.RunAsync(
                client.Socket, link.Connection.Socket, timeouts, client.Context.Time, TunnelSplice.Off, meter, client.Abort).ConfigureAwait(false);
            return;
        }

        var socket = client.Socket;
        await PipeTunnel.RunAsync(
            client.Input,
            client.Output,
            () =>
            {
                ShutdownSend(socket);
                return ValueTask.CompletedTask;
            },
            link.Input,
            link.Output,
            link.ShutdownSendAsync,
            () =>
            {
                link.Abort();
                socket.Close(0);
            },
            timeouts,
            client.Context.Time).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends what <paramref name="source"/> holds already; false (nothing consumed) when its side has ended, which the
    /// pipe tunnel handles.
    /// </summary>
    private static async ValueTask<bool> PassBufferedAsync(PipeReader source, PipeWriter target)
    {
        if (!source.TryRead(out var read))
        {
            return true;
        }

        if (read.IsCompleted)
        {
            source.AdvanceTo(read.Buffer.Start);
            return false;
        }

        foreach (var segment in read.Buffer)
        {
            target.Write(segment.Span);
        }

        source.AdvanceTo(read.Buffer.End);
        await target.FlushAsync().ConfigureAwait(false);
        return true;
    }

    private static void ShutdownSend(System.Net.Sockets.Socket socket)
    {
        try
        {
            socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Counts as the client's stream and the server's stream would have: client bytes in, server bytes out.</summary>
    private sealed class Meter(CountingStream client, TrafficCounters server, TrafficCounters backend) : ITunnelMeter
    {
        public void FromClient(long bytes)
        {
            client.CountRead(bytes);
            server.AddBytesIn(bytes);
            backend.AddBytesIn(bytes);
        }

        public void FromServer(long bytes)
        {
            client.CountWritten(bytes);
            server.AddBytesOut(bytes);
            backend.AddBytesOut(bytes);
        }
    }
}
