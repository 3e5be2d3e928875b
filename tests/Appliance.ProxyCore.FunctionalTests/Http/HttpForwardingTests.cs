using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;

namespace Appliance.ProxyCore.FunctionalTests.Http;

public sealed class HttpForwardingTests
{
    [Fact]
    public async Task Get_TwoBackendsKeepAlive_RoundRobinPerRequestOverOneClientConnection()
    {
        await using var fixture = await HttpProxyFixture.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 });

        var names = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            names.Add(await client.GetStringAsync(fixture.Url("/")));
        }

        Assert.Equal(["web0", "web1", "web0", "web1"], names);
    }

    [Fact]
    public async Task Get_ManyRequests_ServerConnectionsAreReused()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 });

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("web0", await client.GetStringAsync(fixture.Url("/")));
        }

        Assert.Equal(20, fixture.Backends[0].Requests);
        Assert.Equal(1, fixture.Backends[0].Connections);
    }

    [Fact]
    public async Task Get_HttpServerClose_NewServerConnectionPerRequestClientKeptAlive()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1, backendExtra: "    option http-server-close");
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 });

        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(fixture.Url("/"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.ConnectionClose ?? false);
        }

        Assert.Equal(5, fixture.Backends[0].Connections);
    }

    [Fact]
    public async Task Get_OptionForwardfor_XForwardedForCarriesClientAddress()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1, frontendExtra: "    option forwardfor");
        using var client = new HttpClient();

        var headers = await client.GetStringAsync(fixture.Url("/headers"));

        Assert.Contains("X-Forwarded-For: 127.0.0.1", headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChunkedAndContentLengthBodies_EchoedIntact()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1);
        using var client = new HttpClient();
        var payload = new byte[3 * 1024 * 1024 + 5];
        new Random(3).NextBytes(payload);

        using var fixedLength = await client.PostAsync(fixture.Url("/echo"), new ByteArrayContent(payload));
        Assert.Equal(payload, await fixedLength.Content.ReadAsByteArrayAsync());

        var chunked = new StreamContent(new MemoryStream(payload));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Url("/echo")) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        using var chunkedResponse = await client.SendAsync(request);
        Assert.Equal(payload, await chunkedResponse.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Head_And304AndBigBodies_FramedCorrectly()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 });

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, fixture.Url("/big/100000")));
        Assert.Equal(100000, head.Content.Headers.ContentLength);
        Assert.Equal(100000, (await client.GetByteArrayAsync(fixture.Url("/big/100000"))).Length);
        using var notModified = await client.GetAsync(fixture.Url("/status/304"));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("web0", await client.GetStringAsync(fixture.Url("/")));
    }

    [Fact]
    public async Task WebSocket_Upgrade_EchoesThroughTheTunnel()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1, backendExtra: "    timeout tunnel 1h");
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{fixture.Port}/ws"), CancellationToken.None);
        var buffer = new byte[1024];
        for (var i = 0; i < 3; i++)
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes($"hello {i}"), WebSocketMessageType.Text, true, CancellationToken.None);
            var received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            Assert.Equal($"web0:hello {i}", Encoding.UTF8.GetString(buffer, 0, received.Count));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    [Fact]
    public async Task Get_NoServerUp_503()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1);
        fixture.Proxy.Server("be", "web0").State.SetHealth(ProxyCore.Model.ServerHealth.Down, 0);
        using var client = new HttpClient();

        using var response = await client.GetAsync(fixture.Url("/"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
