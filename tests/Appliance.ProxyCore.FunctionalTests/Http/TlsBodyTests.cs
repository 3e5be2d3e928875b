using Appliance.Tests.Common;
using Appliance.Tests.Common.Http;

namespace Appliance.ProxyCore.FunctionalTests.Http;

/// <summary>Bodies longer than one read through a TLS frontend: the direct body copy reads from and writes to the TLS stream.</summary>
public sealed class TlsBodyTests
{
    [Fact]
    public async Task Tls_BigBodiesBothWaysOnOneKeepAliveConnection_ArriveWhole()
    {
        using var certs = new TempDirectory();
        var leaf = TestCertificates.CreateLeaf(TestCertificates.CreateRoot(), ["a.test"]);
        File.WriteAllText(Path.Combine(certs.Path, "a.pem"), leaf.ToPem());
        await using var backend = await TestHttpBackend.StartAsync("web0");
        var port = TcpClientHelper.FreePort();
        await using var proxy = await ProxyUnderTest.StartAsync($"""
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend tls
                bind 127.0.0.1:{port} ssl crt {certs.Path}
                default_backend web
            backend web
                server web0 127.0.0.1:{backend.Port}
            """);

        // The certificate is not what this test checks (TLS tests do): pin the one served, and keep to one connection.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1 };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == leaf.Certificate.Thumbprint;
        using var client = new HttpClient(handler);
        var payload = new byte[1_000_003];
        new Random(5).NextBytes(payload);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(500_000, (await client.GetByteArrayAsync(new Uri($"https://127.0.0.1:{port}/big/500000"))).Length);
            using var echoed = await client.PostAsync(new Uri($"https://127.0.0.1:{port}/echo"), new ByteArrayContent(payload));
            Assert.Equal(payload, await echoed.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(1, proxy.Engine.Frontends.Single().Traffic.TotalSessions);
    }
}
