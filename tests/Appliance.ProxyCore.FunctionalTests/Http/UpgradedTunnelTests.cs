using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.FunctionalTests.Http;

/// <summary>
/// An upgraded connection (101) through the real engine, seen byte by byte: what came behind either head, the tunnel
/// both ways, the half-close passed on, and every byte counted for the frontend, the backend and the server.
/// </summary>
public sealed class UpgradedTunnelTests
{
    private const string Head = "GET /chat HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";

    private const string Reply = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Upgrade_BytesBehindBothHeadsThenEchoAndHalfClose_AllPassedOnAndCounted()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeAsync(listener);
        await using var proxy = await ProxyUnderTest.StartAsync(Config(((IPEndPoint)listener.LocalEndpoint).Port));
        using var cts = new CancellationTokenSource(Timeout);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(IPAddress.Loopback, proxy.Port, cts.Token);

        // The request head and the first tunnel bytes in one segment, as a client that does not wait for the 101.
        var sent = await SendAsync(client, Head + "early;");
        var first = await ReadUntilAsync(client, "server-hello;echo:early;", cts.Token);
        Assert.StartsWith("HTTP/1.1 101 ", first, StringComparison.Ordinal);
        var big = new string('x', 100_000) + ";";
        sent += await SendAsync(client, big);
        var second = await ReadUntilAsync(client, "echo:" + big, cts.Token);
        Assert.Equal("echo:" + big, second);
        client.Shutdown(SocketShutdown.Send);
        var tail = await ReadToEndAsync(client, cts.Token);
        Assert.Equal("server-bye", tail);
        long received = first.Length + second.Length + tail.Length;
        var (serverRead, serverWritten) = await server.WaitAsync(cts.Token);

        var frontend = proxy.Engine.Frontends[0].Traffic;
        var backend = proxy.Engine.Backends["be"].Traffic;
        for (var i = 0; i < 500 && (frontend.BytesOut != received || backend.BytesIn != serverRead); i++)
        {
            await Task.Delay(10, cts.Token);
        }

        Assert.Equal(sent, frontend.BytesIn);
        Assert.Equal(received, frontend.BytesOut);
        foreach (var traffic in new[] { backend, proxy.Server("be", "s1").State.Traffic })
        {
            Assert.Equal(serverRead, traffic.BytesIn);
            Assert.Equal(serverWritten, traffic.BytesOut);
        }
    }

    /// <summary>
    /// One upgrade: answers 101 with bytes behind it, echoes every ';'-ended message, and on the client's FIN says bye
    /// and closes. Returns the bytes it read and wrote.
    /// </summary>
    private static async Task<(long Read, long Written)> ServeAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptSocketAsync();
        var received = new StringBuilder();
        var buffer = new byte[64 * 1024];
        long read = 0, written = 0;
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None);
            read += n;
            received.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        var pending = received.ToString()[(received.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        written += await SendAsync(socket, Reply + "server-hello;");
        while (true)
        {
            int end;
            while ((end = pending.IndexOf(';', StringComparison.Ordinal)) >= 0)
            {
                written += await SendAsync(socket, "echo:" + pending[..(end + 1)]);
                pending = pending[(end + 1)..];
            }

            var n = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (n == 0)
            {
                written += await SendAsync(socket, "server-bye");
                socket.Shutdown(SocketShutdown.Send);
                return (read, written);
            }

            read += n;
            pending += Encoding.ASCII.GetString(buffer, 0, n);
        }
    }

    private static async Task<int> SendAsync(Socket socket, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        await socket.SendAsync(bytes, SocketFlags.None);
        return bytes.Length;
    }

    private static async Task<string> ReadUntilAsync(Socket socket, string end, CancellationToken cancel)
    {
        var text = new StringBuilder();
        var buffer = new byte[64 * 1024];
        while (!text.ToString().EndsWith(end, StringComparison.Ordinal))
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel);
            Assert.NotEqual(0, n);
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString();
    }

    private static async Task<string> ReadToEndAsync(Socket socket, CancellationToken cancel)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        return text.ToString();
    }

    private static string Config(int serverPort) => $"""
        defaults
            mode http
            timeout connect 2s
            timeout client 10s
            timeout server 10s
            timeout tunnel 10s

        frontend fe
            bind 127.0.0.1:{TcpClientHelper.FreePort()}
            default_backend be

        backend be
            server s1 127.0.0.1:{serverPort}
        """;
}
