using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Appliance.Bench.Support;

namespace Appliance.Bench.WebSockets;

/// <summary><c>ws-echo</c>: a WebSocket server on 127.0.0.1 that sends every message back (nginx cannot echo).</summary>
internal static class EchoServer
{
    public static async Task<int> RunAsync(Arguments options)
    {
        var listener = new TcpListener(IPAddress.Loopback, options.Number("port"));
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(1024);
        Console.WriteLine($"ws-echo listening on {listener.LocalEndpoint}");
        while (true)
        {
            var socket = await listener.AcceptSocketAsync();
            _ = ServeAsync(socket);
        }
    }

    private static async Task ServeAsync(Socket socket)
    {
        socket.NoDelay = true;
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            var head = await Handshake.ReadHeadAsync(stream, CancellationToken.None);
            var key = Handshake.Header(head, "Sec-WebSocket-Key");
            if (key is null)
            {
                await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
                return;
            }

            var reply = $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {Handshake.AcceptKey(key)}\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(reply));
            using var socketStream = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
            var buffer = new byte[128 * 1024];
            while (true)
            {
                var result = await socketStream.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socketStream.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }

                await socketStream.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is IOException or WebSocketException or SocketException)
        {
            // The client went away: the load client stops by closing its sockets.
        }
    }
}
