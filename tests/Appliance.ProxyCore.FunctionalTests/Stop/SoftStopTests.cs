using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.FunctionalTests.Http;
using Appliance.Tests.Common;
using static Appliance.ProxyCore.FunctionalTests.Tcp.TcpBalancingTests;

namespace Appliance.ProxyCore.FunctionalTests.Stop;

/// <summary>
/// The soft stop, as HAProxy 2.6 does it on SIGUSR1 (checked side by side with Debian's haproxy): listeners close, idle
/// keep-alive HTTP clients are closed at once, a request in progress gets its whole response with <c>Connection: close</c>,
/// TCP connections and tunnels run on until they end or <c>hard-stop-after</c> passes. A reload does the same to the
/// connections of the configuration it replaced.
/// </summary>
public sealed class SoftStopTests
{
    internal const string Body = "gated-response-body-0123456789";
    private static readonly byte[] Get = "GET / HTTP/1.1\r\nHost: stop\r\n\r\n"u8.ToArray();
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>Far above what any assertion below waits: a connection closed in time was closed by the stop.</summary>
    private const string LongKeepAlive = "    timeout http-keep-alive 60s\n    timeout client 60s";

    [Fact]
    public async Task Stop_IdleKeepAliveClient_ClosedCleanlyAtOnceAndStopReturns()
    {
        await using var backend = StartBackend(released: true);
        await using var proxy = await ProxyUnderTest.StartAsync(HttpConfig(backend.Port));
        using var client = await ConnectAsync(proxy.Port);
        Assert.EndsWith(Body, await ExchangeAsync(client));

        var clock = Stopwatch.StartNew();
        await proxy.Engine.StopAsync(TimeSpan.FromSeconds(30)).WaitAsync(Deadline);
        var (rest, end) = await ReadUntilClosedAsync(client);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the stop took {clock.Elapsed}");
        Assert.Equal(string.Empty, rest);
        Assert.Equal(ConnectionEnd.Fin, end);
    }

    [Fact]
    public async Task Stop_RequestInFlight_WholeResponseWithConnectionCloseThenClosed()
    {
        await using var backend = StartBackend(released: false);
        await using var proxy = await ProxyUnderTest.StartAsync(HttpConfig(backend.Port));
        using var client = await ConnectAsync(proxy.Port);
        await client.SendAsync(Get, SocketFlags.None);
        await backend.RequestArrived.WaitAsync(Deadline);

        var stop = proxy.Engine.StopAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.False(stop.IsCompleted);
        backend.Release();
        var (response, end) = await ReadUntilClosedAsync(client);

        Assert.StartsWith("HTTP/1.1 200 ", response, StringComparison.Ordinal);
        Assert.Contains("\r\nconnection: close\r\n", response, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("\r\n\r\n" + Body, response, StringComparison.Ordinal);
        Assert.Equal(ConnectionEnd.Fin, end);
        await stop.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Stop_RequestOnAKeepAliveConnection_AnsweredThenClosedWhileNewConnectionsAreRefused()
    {
        await using var backend = StartBackend(released: true);
        await using var proxy = await ProxyUnderTest.StartAsync(HttpConfig(backend.Port));
        var port = proxy.Port;
        using var client = await ConnectAsync(port);
        Assert.EndsWith(Body, await ExchangeAsync(client));

        await proxy.Engine.StopAsync(TimeSpan.FromSeconds(30)).WaitAsync(Deadline);

        await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(port));
        Assert.Equal(0, proxy.Engine.ActiveConnections);
    }

    [Fact]
    public async Task Stop_IdleKeepAliveTlsClient_ClosedAtOnce()
    {
        using var certs = new TempDirectory();
        var leaf = TestCertificates.CreateLeaf(TestCertificates.CreateRoot(), ["a.test"]);
        File.WriteAllText(Path.Combine(certs.Path, "a.pem"), leaf.ToPem());
        await using var backend = StartBackend(released: true);
        var tlsPort = TcpClientHelper.FreePort();
        await using var proxy = await ProxyUnderTest.StartAsync(HttpConfig(backend.Port).Replace(
            "    default_backend be", $"    bind 127.0.0.1:{tlsPort} ssl crt {certs.Path}\n    default_backend be", StringComparison.Ordinal));
        using var socket = await ConnectAsync(tlsPort);
        await using var tls = new SslStream(new NetworkStream(socket), leaveInnerStreamOpen: false,
            (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString() == leaf.Certificate.Thumbprint);
        await tls.AuthenticateAsClientAsync("a.test");
        await tls.WriteAsync(Get);
        var response = new StringBuilder();
        var buffer = new byte[4096];
        while (!response.ToString().EndsWith(Body, StringComparison.Ordinal))
        {
            var read = await tls.ReadAsync(buffer).AsTask().WaitAsync(Deadline);
            Assert.NotEqual(0, read);
            response.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        var clock = Stopwatch.StartNew();
        await proxy.Engine.StopAsync(TimeSpan.FromSeconds(30)).WaitAsync(Deadline);
        var after = await tls.ReadAsync(buffer).AsTask().WaitAsync(Deadline);

        Assert.Equal(0, after);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the stop took {clock.Elapsed}");
    }

    [Fact]
    public async Task Stop_TcpConnection_KeepsWorkingThenClosedAtHardStopAfter()
    {
        await using var backends = await Backends.StartAsync(1);
        await using var proxy = await ProxyUnderTest.StartAsync(Config("roundrobin", backends.ServerLines(), globalExtra: "    hard-stop-after 1s"));
        using var held = await ConnectAsync(proxy.Port);
        Assert.Equal("b0", await TcpClientHelper.ReadLineAsync(held, CancellationToken.None));

        var clock = Stopwatch.StartNew();
        var stop = proxy.Engine.StopAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        await held.SendAsync("ping\n"u8.ToArray(), SocketFlags.None);
        Assert.Equal("ping", await TcpClientHelper.ReadLineAsync(held, CancellationToken.None));
        Assert.False(stop.IsCompleted);
        var (_, end) = await ReadUntilClosedAsync(held);
        var closedAfter = clock.Elapsed;

        Assert.NotEqual(ConnectionEnd.StillOpen, end);
        AssertAbout(TimeSpan.FromSeconds(1), closedAfter);
        await stop.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Stop_WebSocketTunnel_KeepsWorkingThenClosedAtHardStopAfter()
    {
        // 2 s: the echo during the soft stop once took the whole of a 1 s bound on a loaded machine (3 runs in about 40).
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1, sectionsBefore: "global\n    hard-stop-after 2s");
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{fixture.Port}/ws"), CancellationToken.None);
        Assert.Equal("web0:a", await EchoAsync(ws, "a"));

        var clock = Stopwatch.StartNew();
        var stop = fixture.Proxy.Engine.StopAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.Equal("web0:b", await EchoAsync(ws, "b"));
        Assert.False(stop.IsCompleted);
        await Assert.ThrowsAnyAsync<Exception>(() => ws.ReceiveAsync(new byte[64], CancellationToken.None).WaitAsync(Deadline));
        var closedAfter = clock.Elapsed;

        AssertAbout(TimeSpan.FromSeconds(2), closedAfter);
        await stop.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Reload_IdleKeepAliveClientOfThePreviousConfiguration_ClosedCleanlyAndNewConnectionsServed()
    {
        await using var backend = StartBackend(released: true);
        var config = HttpConfig(backend.Port);
        await using var proxy = await ProxyUnderTest.StartAsync(config);
        using var client = await ConnectAsync(proxy.Port);
        Assert.EndsWith(Body, await ExchangeAsync(client));

        await proxy.Engine.ReloadAsync(Load(config));
        var (rest, end) = await ReadUntilClosedAsync(client);

        Assert.Equal(string.Empty, rest);
        Assert.Equal(ConnectionEnd.Fin, end);
        using var next = await ConnectAsync(proxy.Port);
        Assert.EndsWith(Body, await ExchangeAsync(next));
    }

    [Fact]
    public async Task Reload_HardStopAfter_TcpConnectionOfThePreviousConfigurationClosedAfterTheBound()
    {
        await using var backends = await Backends.StartAsync(1);
        var config = Config("roundrobin", backends.ServerLines(), globalExtra: "    hard-stop-after 1s");
        await using var proxy = await ProxyUnderTest.StartAsync(config);
        using var held = await ConnectAsync(proxy.Port);
        Assert.Equal("b0", await TcpClientHelper.ReadLineAsync(held, CancellationToken.None));

        var clock = Stopwatch.StartNew();
        await proxy.Engine.ReloadAsync(Load(config));
        await held.SendAsync("ping\n"u8.ToArray(), SocketFlags.None);
        Assert.Equal("ping", await TcpClientHelper.ReadLineAsync(held, CancellationToken.None));
        var (_, end) = await ReadUntilClosedAsync(held);
        var closedAfter = clock.Elapsed;

        Assert.NotEqual(ConnectionEnd.StillOpen, end);
        AssertAbout(TimeSpan.FromSeconds(1), closedAfter);
        Assert.Equal("b0", await TcpClientHelper.ReadGreetingAsync(proxy.Port, Deadline));
    }

    [Fact]
    public async Task Stop_CloseSpreadTime_IdleClientClosedLaterWithinTheWindow()
    {
        // A draw of 0.9: the idle connection closes 0.9 of the way into the 2 s window, not at once.
        await using var backend = StartBackend(released: true);
        await using var proxy = await ProxyUnderTest.StartAsync(
            HttpConfig(backend.Port, "global\n    close-spread-time 2s"), new ProxyEngineOptions { Random = new FixedRandom(0.9) });
        using var client = await ConnectAsync(proxy.Port);
        Assert.EndsWith(Body, await ExchangeAsync(client));

        var clock = Stopwatch.StartNew();
        var stop = proxy.Engine.StopAsync(TimeSpan.FromSeconds(30));
        var (rest, end) = await ReadUntilClosedAsync(client);
        var closedAfter = clock.Elapsed;

        Assert.Equal(ConnectionEnd.Fin, end);
        Assert.Equal(string.Empty, rest);
        AssertAbout(TimeSpan.FromSeconds(1.8), closedAfter);
        await stop.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Stop_CloseSpreadTime_ResponseEarlyInTheWindowKeepsTheConnectionThenIdleCloseSpread()
    {
        // Draw 0.5 of a 2 s window: a response 0.3 s in (1.7 s left) is kept alive (1 s < 1.7 s); idle, the
        // connection then closes after half of what is left (about 0.85 s).
        await using var backend = StartBackend(released: false);
        await using var proxy = await ProxyUnderTest.StartAsync(
            HttpConfig(backend.Port, "global\n    close-spread-time 2s"), new ProxyEngineOptions { Random = new FixedRandom(0.5) });
        using var client = await ConnectAsync(proxy.Port);
        await client.SendAsync(Get, SocketFlags.None);
        await backend.RequestArrived.WaitAsync(Deadline);

        var clock = Stopwatch.StartNew();
        var stop = proxy.Engine.StopAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        backend.Release();
        var (response, end) = await ReadUntilClosedAsync(client);
        var closedAfter = clock.Elapsed;

        Assert.EndsWith("\r\n\r\n" + Body, response, StringComparison.Ordinal);
        Assert.DoesNotContain("connection: close", response, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ConnectionEnd.Fin, end);
        AssertAbout(TimeSpan.FromSeconds(1.1), closedAfter);
        await stop.WaitAsync(Deadline);
    }

    [Fact]
    public async Task Stop_CloseSpreadTimeInfinite_IdleClientLeftToItsKeepAliveTimeout()
    {
        await using var backend = StartBackend(released: true);
        await using var proxy = await ProxyUnderTest.StartAsync(
            HttpConfig(backend.Port, "global\n    close-spread-time infinite", "    timeout client 60s\n    timeout http-keep-alive 1500ms"));
        using var client = await ConnectAsync(proxy.Port);
        Assert.EndsWith(Body, await ExchangeAsync(client));

        var clock = Stopwatch.StartNew();
        var stop = proxy.Engine.StopAsync(TimeSpan.FromSeconds(30));
        var (_, end) = await ReadUntilClosedAsync(client);
        var closedAfter = clock.Elapsed;

        Assert.Equal(ConnectionEnd.Fin, end);
        Assert.True(closedAfter > TimeSpan.FromSeconds(1), $"closed after {closedAfter}: the keep-alive timeout was 1.5 s");
        await stop.WaitAsync(Deadline);
    }

    internal enum ConnectionEnd
    {
        StillOpen,
        Fin,
        Reset,
    }

    private static GatedHttpBackend StartBackend(bool released)
    {
        var backend = new GatedHttpBackend(Body);
        backend.Start();
        if (released)
        {
            backend.Release();
        }

        return backend;
    }

    private static string HttpConfig(int backendPort, string global = "", string keepAlive = LongKeepAlive) => $"""
        {global}
        defaults
            mode http
            timeout connect 2s
            timeout server 30s
        {keepAlive}
        frontend fe
            bind 127.0.0.1:{TcpClientHelper.FreePort()}
            default_backend be
        backend be
            server s1 127.0.0.1:{backendPort}
        """;

    private static ApplianceConfig Load(string text)
    {
        var result = ConfigLoader.LoadText(text, "test.cfg");
        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        return result.Config!;
    }

    /// <summary>Closed at the bound: not before it, and well before anything else would have closed it.</summary>
    private static void AssertAbout(TimeSpan bound, TimeSpan actual)
    {
        Assert.True(actual >= bound - TimeSpan.FromMilliseconds(100), $"closed after {actual}, before the {bound} bound");
        Assert.True(actual < bound + TimeSpan.FromSeconds(4), $"closed after {actual}, long after the {bound} bound");
    }

    /// <summary>Sends a GET and reads its response up to the end of the body.</summary>
    internal static async Task<string> ExchangeAsync(Socket socket)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await socket.SendAsync(Get, SocketFlags.None, deadline.Token);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().EndsWith(Body, StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            Assert.NotEqual(0, read);
            text.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        return text.ToString();
    }

    /// <summary>Reads until the proxy closes the connection (or <see cref="Deadline"/>): what came, and how it ended.</summary>
    internal static async Task<(string Text, ConnectionEnd End)> ReadUntilClosedAsync(Socket socket)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                if (read == 0)
                {
                    return (text.ToString(), ConnectionEnd.Fin);
                }

                text.Append(Encoding.Latin1.GetString(buffer, 0, read));
            }
        }
        catch (SocketException)
        {
            return (text.ToString(), ConnectionEnd.Reset);
        }
        catch (OperationCanceledException)
        {
            return (text.ToString(), ConnectionEnd.StillOpen);
        }
    }

    private static async Task<string> EchoAsync(ClientWebSocket ws, string text)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, deadline.Token);
        var buffer = new byte[256];
        var received = await ws.ReceiveAsync(buffer, deadline.Token);
        return Encoding.UTF8.GetString(buffer, 0, received.Count);
    }
}
