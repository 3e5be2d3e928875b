using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Appliance.Bench.Support;

namespace Appliance.Bench.WebSockets;

/// <summary>
/// <c>ws-load</c>: N WebSockets through ws://127.0.0.1:PORT/, each sending a message of the given size and waiting for
/// its echo, back to back, for the given time (counted once every socket is open; bench/run warms up with a run of its
/// own, so the proxy's CPU over the process's life matches the messages counted). Prints messages per second and the
/// p50/p99 of the round trip.
/// </summary>
internal static class EchoLoad
{
    public static async Task<int> RunAsync(Arguments options)
    {
        var endpoint = new IPEndPoint(IPAddress.Loopback, options.Number("port"));
        var connections = options.Number("connections");
        var seconds = options.Number("seconds");
        var size = options.Number("size");
        var sockets = new List<WebSocket>();
        for (var i = 0; i < connections; i++)
        {
            sockets.Add(await OpenAsync(endpoint));
        }

        var ends = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
        var samples = await Task.WhenAll(sockets.Select(s => Task.Run(() => PingPongAsync(s, size, ends))));
        var all = samples.SelectMany(s => s).Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        foreach (var socket in sockets)
        {
            socket.Abort();
            socket.Dispose();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT messages={all.Length} rate={all.Length / (double)seconds:F0} p50_ms={Percentiles.Of(all, 50):F3} p99_ms={Percentiles.Of(all, 99):F3}"));
        return all.Length > 0 ? 0 : 1;
    }

    private static async Task<WebSocket> OpenAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint);
        var stream = new NetworkStream(socket, ownsSocket: true);
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var request = $"GET / HTTP/1.1\r\nHost: {endpoint}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var head = await Handshake.ReadHeadAsync(stream, CancellationToken.None);
        if (!head.StartsWith("HTTP/1.1 101", StringComparison.Ordinal) || Handshake.Header(head, "Sec-WebSocket-Accept") != Handshake.AcceptKey(key))
        {
            throw new InvalidOperationException($"upgrade refused: {head.Split("\r\n")[0]}");
        }

        return WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
    }

    private static async Task<List<long>> PingPongAsync(WebSocket socket, int size, long ends)
    {
        var message = new byte[size];
        Random.Shared.NextBytes(message);
        var buffer = new byte[size];
        var samples = new List<long>(1 << 16);
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            if (started >= ends)
            {
                return samples;
            }

            await socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
            var received = 0;
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(received), CancellationToken.None);
                received += result.Count;
                if (result.EndOfMessage)
                {
                    break;
                }
            }

            if (received != size)
            {
                throw new InvalidOperationException($"echo of {size} bytes came back as {received}");
            }

            samples.Add(Stopwatch.GetTimestamp() - started);
        }
    }
}
