using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Appliance.Tests.Common;
using Appliance.Tests.Common.Http;

namespace Appliance.ProxyCore.FunctionalTests.Http;

/// <summary>
/// The configurations of the media-server guides (Ant Media, WebRTC servers), unchanged in shape, over HTTP and TLS:
/// HLS pinned by an ACL plus a prefix cookie while other paths round-robin, WebSockets routed by header ACLs,
/// X-Client-IP from a log-format, X-Forwarded-For/-Proto, a redirect to https, and certificates chosen by SNI.
/// </summary>
public sealed class GuideConfigTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _certs = new();
    private readonly List<TestHttpBackend> _backends = [];
    private TestCertificate _root = null!;
    private ProxyUnderTest _proxy = null!;
    private int _httpPort;
    private int _httpsPort;

    public async Task InitializeAsync()
    {
        _root = TestCertificates.CreateRoot();
        WritePem("a.pem", TestCertificates.CreateLeaf(_root, ["a.test"]));
        WritePem("b.pem", TestCertificates.CreateLeaf(_root, ["b.test"]));
        for (var i = 0; i < 3; i++)
        {
            _backends.Add(await TestHttpBackend.StartAsync(i < 2 ? $"web{i}" : "ws0"));
        }

        _httpPort = TcpClientHelper.FreePort();
        _httpsPort = TcpClientHelper.FreePort();
        _proxy = await ProxyUnderTest.StartAsync($"""
            defaults
                mode http
                timeout connect 2s
                timeout client 30s
                timeout server 30s
                timeout tunnel 2h
            frontend www
                bind 127.0.0.1:{_httpPort}
                bind 127.0.0.1:{_httpsPort} ssl crt {_certs.Path}
                option forwardfor
                http-request add-header X-Client-IP %ci:%cp
                http-request set-header X-Forwarded-Proto https if {"{ ssl_fc }"}
                redirect scheme https code 301 if !{"{ ssl_fc }"} {"{ path_beg /secure }"}
                acl hls_request path_reg -i ^.*\.(m3u8|ts)$
                acl is_websocket hdr(Upgrade) -i WebSocket
                acl is_websocket hdr(Sec-WebSocket-Key) -m found
                use_backend ws if is_websocket
                use_backend hls if hls_request
                default_backend web
            backend hls
                cookie JSESSIONID prefix nocache
                server web0 127.0.0.1:{_backends[0].Port} check cookie web0
                server web1 127.0.0.1:{_backends[1].Port} check cookie web1
            backend web
                balance roundrobin
                server web0 127.0.0.1:{_backends[0].Port} check
                server web1 127.0.0.1:{_backends[1].Port} check
            backend ws
                server ws0 127.0.0.1:{_backends[2].Port} check
            """);
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }
    }

    public void Dispose() => _certs.Dispose();

    [Fact]
    public async Task Hls_PinnedByAclAndPrefixCookie_WhileOtherPathsRoundRobin()
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        using var playlist = await client.GetAsync(Url("/live/stream.m3u8"));
        var server = await playlist.Content.ReadAsStringAsync();
        var cookie = Assert.Single(playlist.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"JSESSIONID={server}~abc123", cookie, StringComparison.Ordinal);

        for (var i = 0; i < 8; i++)
        {
            using var segment = new HttpRequestMessage(HttpMethod.Get, Url($"/live/segment{i}.TS"));
            segment.Headers.Add("Cookie", $"JSESSIONID={server}~abc123");
            using var response = await client.SendAsync(segment);
            Assert.Equal(server, await response.Content.ReadAsStringAsync());
        }

        var others = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            others.Add(await client.GetStringAsync(Url("/")));
        }

        Assert.Equal(2, others.Distinct().Count());
    }

    [Fact]
    public async Task WebSocket_RoutedByHeaderAcl_EchoesThroughTunnel()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{_httpPort}/ws"), CancellationToken.None);

        await socket.SendAsync("ping"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[256];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);

        Assert.Equal("ws0:ping", Encoding.UTF8.GetString(buffer, 0, received.Count));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    [Fact]
    public async Task XClientIp_CarriesClientAddressAndPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _httpPort);
        var localPort = ((IPEndPoint)socket.LocalEndPoint!).Port;

        await socket.SendAsync("GET /headers HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"u8.ToArray(), SocketFlags.None);
        var response = await RawHttp.ReadToCloseAsync(socket, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        Assert.Contains($"X-Client-IP: 127.0.0.1:{localPort}", response, StringComparison.Ordinal);
        Assert.Contains("X-Forwarded-For: 127.0.0.1", response, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Forwarded-Proto", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainHttp_SecurePath_RedirectedToHttps()
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("/secure/page?x=1"));
        request.Headers.Host = "media.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("https://media.example/secure/page?x=1", response.Headers.Location?.ToString());
        Assert.Equal(0, _backends.Sum(b => b.Requests));
    }

    [Fact]
    public async Task Tls_SniPicksCertificate_AndHeadersSayHttps()
    {
        foreach (var name in new[] { "a.test", "b.test" })
        {
            var (certificate, headers) = await GetOverTlsAsync(name, "/headers");
            Assert.Contains($"CN={name}", certificate.Subject, StringComparison.Ordinal);
            Assert.Contains("X-Forwarded-Proto: https", headers, StringComparison.Ordinal);
            Assert.Contains("X-Forwarded-For: 127.0.0.1", headers, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Curl_OverTlsWithSni_VerifiesTheRightCertificate()
    {
        Assert.True(File.Exists("/usr/bin/curl"), "curl is not installed");
        var caFile = Path.Combine(_certs.Path, "..", $"ca-{Guid.NewGuid():N}.crt");
        await File.WriteAllTextAsync(caFile, _root.CertificatePem);
        try
        {
            var result = await RunAsync("/usr/bin/curl", "-sS", "--cacert", caFile, "--resolve", $"b.test:{_httpsPort}:127.0.0.1",
                "-w", "\n%{ssl_verify_result}", $"https://b.test:{_httpsPort}/");
            Assert.Equal(0, result.ExitCode);
            Assert.Matches(@"^web[01]\n0$", result.Output);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact]
    public async Task Reload_NewPemOnDisk_NewHandshakesGetIt_EstablishedConnectionKeepsWorking()
    {
        using var established = await HandshakeAsync("a.test");
        var replacement = TestCertificates.CreateLeaf(_root, ["a.test"]);
        WritePem("a.pem", replacement);

        var report = _proxy.Engine.ReloadCertificates();

        Assert.Contains(report, line => line.EndsWith("reloaded", StringComparison.Ordinal));
        var (certificate, _) = await GetOverTlsAsync("a.test", "/");
        Assert.Equal(replacement.Certificate.Thumbprint, new X509Certificate2(certificate).Thumbprint);
        await established.Stream.WriteAsync("GET / HTTP/1.1\r\nHost: a.test\r\n\r\n"u8.ToArray());
        var buffer = new byte[4096];
        var read = await established.Stream.ReadAsync(buffer);
        Assert.StartsWith("HTTP/1.1 200", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    private Uri Url(string path) => new($"http://127.0.0.1:{_httpPort}{path}");

    private void WritePem(string file, TestCertificate certificate) =>
        File.WriteAllText(System.IO.Path.Combine(_certs.Path, file), certificate.ToPem());

    private async Task<(X509Certificate Certificate, string Body)> GetOverTlsAsync(string serverName, string path)
    {
        using var connection = await HandshakeAsync(serverName);
        await connection.Stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {serverName}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(connection.Stream, Encoding.Latin1);
        return (connection.Stream.RemoteCertificate!, await reader.ReadToEndAsync());
    }

    private async Task<TlsConnection> HandshakeAsync(string serverName)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _httpsPort);
        var ssl = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => IssuedByTestRoot(certificate));
        await ssl.AuthenticateAsClientAsync(serverName);
        return new TlsConnection(tcp, ssl);
    }

    /// <summary>Validates the served chain against the test's own root (the machine's trust store does not know it).</summary>
    private bool IssuedByTestRoot(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_root.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    private sealed record TlsConnection(TcpClient Tcp, SslStream Stream) : IDisposable
    {
        public void Dispose()
        {
            Stream.Dispose();
            Tcp.Dispose();
        }
    }
}
