using System.Net;
using System.Net.Sockets;
using System.Text;
using Appliance.Tests.Common;
using Appliance.Tests.Common.Http;

namespace Appliance.ProxyCore.FunctionalTests.Http;

/// <summary>
/// A keep-alive client connection between requests (it then holds no exchange and no buffers, and waits with a
/// zero-byte read): its next request is served, pipelined requests are served in order, and the idle timeouts still
/// close it as before.
/// </summary>
public sealed class KeepAliveIdleTests
{
    private static readonly byte[] Get = "GET / HTTP/1.1\r\nHost: idle\r\n\r\n"u8.ToArray();
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task IdleConnection_PastTimeoutHttpKeepAlive_ClosedQuietly()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1, frontendExtra: "    timeout http-keep-alive 300ms");
        using var socket = await ConnectAsync(fixture.Port);

        Assert.Equal("web0", await ExchangeAsync(socket, Get));

        Assert.Equal(0, await ReadAfterResponseAsync(socket));
    }

    [Fact]
    public async Task IdleConnection_NoKeepAliveOrRequestTimeout_ClosedAfterTimeoutClient()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        await using var proxy = await ProxyUnderTest.StartAsync($"""
            defaults
                mode http
                timeout connect 2s
                timeout client 300ms
                timeout server 10s
            frontend fe
                bind 127.0.0.1:{TcpClientHelper.FreePort()}
                default_backend be
            backend be
                server web0 127.0.0.1:{backend.Port}
            """);
        using var socket = await ConnectAsync(proxy.Port);

        Assert.Equal("web0", await ExchangeAsync(socket, Get));

        Assert.Equal(0, await ReadAfterResponseAsync(socket));
    }

    [Fact]
    public async Task IdleConnection_NextRequestsAfterPauses_ServedOnTheSameConnection()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1, frontendExtra: "    timeout http-keep-alive 10s");
        using var socket = await ConnectAsync(fixture.Port);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("web0", await ExchangeAsync(socket, Get));
            await Task.Delay(200);
        }

        Assert.Equal(3, fixture.Backends[0].Requests);
    }

    [Fact]
    public async Task PipelinedRequests_SentTogether_AnsweredInOrder()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 2);
        using var socket = await ConnectAsync(fixture.Port);
        using var deadline = new CancellationTokenSource(Deadline);

        byte[] three = [.. Get, .. Get, .. Get];
        await socket.SendAsync(three, SocketFlags.None, deadline.Token);

        Assert.Equal(["web0", "web1", "web0"], [await ReadResponseAsync(socket, deadline.Token), await ReadResponseAsync(socket, deadline.Token), await ReadResponseAsync(socket, deadline.Token)]);
    }

    [Fact]
    public async Task IdleConnection_PartialHeadThenSilence_408AfterTimeoutHttpRequest()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(
            backends: 1, frontendExtra: "    timeout http-keep-alive 10s\n    timeout http-request 300ms");
        using var socket = await ConnectAsync(fixture.Port);
        Assert.Equal("web0", await ExchangeAsync(socket, Get));
        await Task.Delay(100);

        await socket.SendAsync("GET / HTTP/1.1\r\nHost: idle\r\n"u8.ToArray(), SocketFlags.None);
        var response = await RawHttp.ReadToCloseAsync(socket, new CancellationTokenSource(Deadline).Token);

        Assert.Equal(408, RawHttp.StatusOf(response));
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }

    private static async Task<string> ExchangeAsync(Socket socket, byte[] request)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await socket.SendAsync(request, SocketFlags.None, deadline.Token);
        return await ReadResponseAsync(socket, deadline.Token);
    }

    /// <summary>
    /// Reads one response (head, then a Content-Length or chunked body, byte by byte so nothing of the next one is
    /// taken) and returns its body.
    /// </summary>
    private static async Task<string> ReadResponseAsync(Socket socket, CancellationToken cancellationToken)
    {
        var head = await ReadLineAsync(socket, cancellationToken);
        Assert.Equal(200, RawHttp.StatusOf(head));
        var contentLength = -1;
        var chunked = false;
        for (var line = await ReadLineAsync(socket, cancellationToken); line.Length > 0; line = await ReadLineAsync(socket, cancellationToken))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = int.Parse(line.AsSpan(15).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }

            chunked |= line.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
        }

        if (!chunked)
        {
            return Encoding.Latin1.GetString(await ReadBytesAsync(socket, Math.Max(contentLength, 0), cancellationToken));
        }

        var body = new StringBuilder();
        for (var size = await ReadChunkSizeAsync(socket, cancellationToken); size > 0; size = await ReadChunkSizeAsync(socket, cancellationToken))
        {
            body.Append(Encoding.Latin1.GetString(await ReadBytesAsync(socket, size, cancellationToken)));
            await ReadLineAsync(socket, cancellationToken);
        }

        await ReadLineAsync(socket, cancellationToken);
        return body.ToString();
    }

    private static async Task<int> ReadChunkSizeAsync(Socket socket, CancellationToken cancellationToken) =>
        int.Parse(await ReadLineAsync(socket, cancellationToken), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One line without its CRLF.</summary>
    private static async Task<string> ReadLineAsync(Socket socket, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            var b = (await ReadBytesAsync(socket, 1, cancellationToken))[0];
            if (b == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)b);
        }
    }

    private static async Task<byte[]> ReadBytesAsync(Socket socket, int count, CancellationToken cancellationToken)
    {
        var bytes = new byte[count];
        for (var received = 0; received < count;)
        {
            var read = await socket.ReceiveAsync(bytes.AsMemory(received), SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new IOException($"the proxy closed the connection {count - received} bytes before the end of the response");
            }

            received += read;
        }

        return bytes;
    }

    /// <summary>What a read after the response returns: 0 when the proxy closed the connection within the deadline.</summary>
    private static async Task<int> ReadAfterResponseAsync(Socket socket)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await socket.ReceiveAsync(new byte[64], SocketFlags.None, deadline.Token);
    }
}
