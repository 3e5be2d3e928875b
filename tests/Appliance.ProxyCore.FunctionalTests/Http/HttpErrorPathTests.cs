using System.Net.Sockets;
using System.Text;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.FunctionalTests.Http;

public sealed class HttpErrorPathTests
{
    private static readonly byte[] Get = "GET / HTTP/1.1\r\nHost: t\r\n\r\n"u8.ToArray();

    [Theory]
    [InlineData("garbage\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n")]
    public async Task InvalidResponse_502AndProxyKeepsServing(string reply)
    {
        await using var bad = new TestBackend("bad") { RawReply = Encoding.ASCII.GetBytes(reply) };
        await using var proxy = await ProxyUnderTest.StartAsync(Config($"server bad 127.0.0.1:{bad.Port}"));

        var response = await RawHttp.SendAsync(proxy.Port, Get);

        Assert.Equal(502, RawHttp.StatusOf(response));
        Assert.Equal(502, RawHttp.StatusOf(await RawHttp.SendAsync(proxy.Port, Get)));
    }

    [Fact]
    public async Task ServerClosesWithoutResponse_502()
    {
        await using var bad = new TestBackend("bad") { RawReply = [] };
        await using var proxy = await ProxyUnderTest.StartAsync(Config($"server bad 127.0.0.1:{bad.Port}"));

        Assert.Equal(502, RawHttp.StatusOf(await RawHttp.SendAsync(proxy.Port, Get)));
    }

    [Fact]
    public async Task ServerSilentPastTimeoutServer_504()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        await using var proxy = await ProxyUnderTest.StartAsync(Config($"server silent 127.0.0.1:{port}", serverTimeout: "300ms"));

        Assert.Equal(504, RawHttp.StatusOf(await RawHttp.SendAsync(proxy.Port, Get)));
    }

    [Fact]
    public async Task SlowRequestHead_408AfterTimeoutHttpRequest()
    {
        await using var backends = await Backends.StartAsync(1);
        await using var proxy = await ProxyUnderTest.StartAsync(Config(backends.ServerLines().Trim(), httpRequest: "300ms"));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, proxy.Port);

        await socket.SendAsync("GET / HTTP/1.1\r\nHost: slow\r\n"u8.ToArray(), SocketFlags.None);
        var response = await RawHttp.ReadToCloseAsync(socket, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        Assert.Equal(408, RawHttp.StatusOf(response));
        Assert.Equal(0, backends[0].Accepted);
    }

    [Fact]
    public async Task SilentConnection_ClosedQuietlyAfterTimeoutHttpRequest()
    {
        await using var backends = await Backends.StartAsync(1);
        await using var proxy = await ProxyUnderTest.StartAsync(Config(backends.ServerLines().Trim(), httpRequest: "300ms"));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(System.Net.IPAddress.Loopback, proxy.Port);

        var response = await RawHttp.ReadToCloseAsync(socket, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        Assert.Equal(string.Empty, response);
    }

    private static string Config(string server, string serverTimeout = "10s", string httpRequest = "10s") => $"""
        defaults
            mode http
            timeout connect 2s
            timeout client 10s
            timeout server {serverTimeout}
            timeout http-request {httpRequest}
        frontend fe
            bind 127.0.0.1:{TcpClientHelper.FreePort()}
            default_backend be
        backend be
            {server}
        """;
}
