using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Appliance.ProxyCore.Tls;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>Real handshakes on 127.0.0.1 between an SslStream client and a server using the provider's options.</summary>
public class TlsHandshakeTests
{
    private readonly TlsConfigTestHelper _helper = new();

    public TlsHandshakeTests()
    {
        _helper.Files
            .Add("/certs/wild.pem", TlsTestCertificates.Wildcard.ToPem())
            .Add("/certs/rsa.pem", TlsTestCertificates.Rsa.ToPem(TestKeyFormat.Traditional, PemPart.Key, PemPart.Intermediates, PemPart.Leaf))
            .Add("/certs/nochain.pem", TlsTestCertificates.A.ToPem(TestKeyFormat.Pkcs8, PemPart.Leaf, PemPart.Key));
    }

    [Theory]
    [InlineData("a.test", "a")]
    [InlineData("b.test", "b")]
    [InlineData("www.b.test", "b")]
    [InlineData("x.wild.test", "wild")]
    [InlineData(null, "a")]
    [InlineData("unknown.test", "a")]
    public async Task Handshake_ServerName_RightCertificateWithItsChain(string? serverName, string expected)
    {
        var leaf = expected switch { "a" => TlsTestCertificates.A, "b" => TlsTestCertificates.B, _ => TlsTestCertificates.Wildcard };
        await using var server = Server("ssl crt /certs/site.pem crt /certs/b.pem crt /certs/wild.pem");

        await using var client = await TlsTestClient.ConnectAsync(server.Port, serverName);

        Assert.Equal(leaf.Certificate.Thumbprint, client.ServerCertificate.Thumbprint);

        // The client trusts only the root and downloads nothing: the chain builds only if the server sent the intermediate.
        Assert.Equal(SslPolicyErrors.None, client.PolicyErrors);
        Assert.Equal(
            [leaf.Certificate.Thumbprint, TlsTestCertificates.Intermediate.Certificate.Thumbprint, TlsTestCertificates.Root.Certificate.Thumbprint],
            client.ChainThumbprints);
        Assert.Equal("ping", await client.EchoAsync("ping"));
    }

    [Fact]
    public async Task Handshake_PemWithoutIntermediate_ClientCannotBuildTheChain()
    {
        // The control for the test above: the same client fails to build a chain the server did not send.
        await using var server = Server("ssl crt /certs/nochain.pem");

        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test");

        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, client.PolicyErrors);
    }

    [Fact]
    public async Task Handshake_RsaKeyInPkcs1_Works()
    {
        await using var server = Server("ssl crt /certs/site.pem crt /certs/rsa.pem");

        await using var client = await TlsTestClient.ConnectAsync(server.Port, "rsa.test");

        Assert.Equal(TlsTestCertificates.Rsa.Certificate.Thumbprint, client.ServerCertificate.Thumbprint);
        Assert.Equal(SslPolicyErrors.None, client.PolicyErrors);
    }

    [Fact]
    public async Task Handshake_StrictSniUnknownName_Refused()
    {
        await using var server = Server("ssl crt /certs/site.pem strict-sni");

        await Assert.ThrowsAnyAsync<Exception>(() => TlsTestClient.ConnectAsync(server.Port, "unknown.test"));

        var error = await FirstHandshakeErrorAsync(server);
        Assert.Equal("no certificate for server name 'unknown.test' and 'strict-sni' is set", error.Message);
    }

    [Fact]
    public async Task Handshake_StrictSniKnownName_Accepted()
    {
        await using var server = Server("ssl crt /certs/site.pem crt /certs/b.pem strict-sni");

        await using var client = await TlsTestClient.ConnectAsync(server.Port, "b.test");

        Assert.Equal(TlsTestCertificates.B.Certificate.Thumbprint, client.ServerCertificate.Thumbprint);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Handshake_DefaultVersions_Tls12AndTls13Negotiate(SslProtocols protocol)
    {
        await using var server = Server("ssl crt /certs/site.pem");

        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test", protocol);

        Assert.Equal(protocol, client.Stream.SslProtocol);
    }

    [Fact]
    public async Task Handshake_ClientTls12OnlyAgainstMinTls13_Refused()
    {
        await using var server = Server("ssl crt /certs/site.pem ssl-min-ver TLSv1.3");

        await Assert.ThrowsAnyAsync<Exception>(() => TlsTestClient.ConnectAsync(server.Port, "a.test", SslProtocols.Tls12));
        await FirstHandshakeErrorAsync(server);
    }

    [Fact]
    public async Task Handshake_ClientTls13OnlyAgainstForceTls12_Refused()
    {
        await using var server = Server("ssl crt /certs/site.pem force-tlsv12");

        await Assert.ThrowsAnyAsync<Exception>(() => TlsTestClient.ConnectAsync(server.Port, "a.test", SslProtocols.Tls13));
        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test");
        Assert.Equal(SslProtocols.Tls12, client.Stream.SslProtocol);
    }

    [Tls11AvailableFact]
    public async Task Handshake_ClientTls11OnlyAgainstDefaultMin_Refused()
    {
#pragma warning disable SYSLIB0039, CA5397 // TLS 1.1 on purpose: the server must refuse it.
        await using var server = Server("ssl crt /certs/site.pem");

        await Assert.ThrowsAnyAsync<Exception>(() => TlsTestClient.ConnectAsync(server.Port, "a.test", SslProtocols.Tls11));
#pragma warning restore SYSLIB0039, CA5397
        await FirstHandshakeErrorAsync(server);
    }

    [Fact]
    public async Task Handshake_Alpn_ServerPreferenceAmongClientOffers()
    {
        await using var server = Server("ssl crt /certs/site.pem alpn h2,http/1.1", mode: "http");

        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test", alpn: [SslApplicationProtocol.Http11, SslApplicationProtocol.Http2]);

        Assert.Equal(SslApplicationProtocol.Http2, client.Stream.NegotiatedApplicationProtocol);
    }

    [Fact]
    public async Task Handshake_AlpnH2NotServed_Http11Negotiated()
    {
        await using var server = Server("ssl crt /certs/site.pem alpn h2,http/1.1", mode: "http", servedProtocols: ["http/1.1"]);

        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test", alpn: [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11]);

        Assert.Equal(SslApplicationProtocol.Http11, client.Stream.NegotiatedApplicationProtocol);
    }

    [Fact]
    public async Task Handshake_NoCommonAlpnProtocol_RefusedWithAlert()
    {
        // RFC 7301 3.2's no_application_protocol alert, which is what SslStream does; HAProxy (OpenSSL) would carry on
        // without ALPN. A client that offers ALPN but not the server's protocols is rare: browsers always offer http/1.1.
        await using var server = Server("ssl crt /certs/site.pem alpn http/1.1", mode: "http");

        await Assert.ThrowsAsync<AuthenticationException>(
            () => TlsTestClient.ConnectAsync(server.Port, "a.test", alpn: [SslApplicationProtocol.Http2]));
        await FirstHandshakeErrorAsync(server);
    }

    [Fact]
    public async Task Handshake_ClientWithoutAlpn_AcceptedWithoutProtocol()
    {
        await using var server = Server("ssl crt /certs/site.pem alpn h2,http/1.1", mode: "http");

        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test");

        Assert.Equal(default, client.Stream.NegotiatedApplicationProtocol);
    }

    [Fact]
    public async Task Handshake_HttpModeWithoutAlpn_Http11Negotiated()
    {
        await using var server = Server("ssl crt /certs/site.pem", mode: "http");

        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test", alpn: [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11]);

        Assert.Equal(SslApplicationProtocol.Http11, client.Stream.NegotiatedApplicationProtocol);
    }

    [Fact]
    public async Task Handshake_TcpModeWithoutAlpn_NoProtocolNegotiated()
    {
        await using var server = Server("ssl crt /certs/site.pem");

        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test", alpn: [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11]);

        Assert.Equal(default, client.Stream.NegotiatedApplicationProtocol);
    }

    [CipherPolicyFact]
    public async Task Handshake_Ciphers_Tls12SuiteApplied()
    {
        await using var plain = Server("ssl crt /certs/site.pem");
        await using var server = Server("ssl crt /certs/site.pem ciphers ECDHE-ECDSA-AES128-GCM-SHA256");

        await using var byDefault = await TlsTestClient.ConnectAsync(plain.Port, "a.test", SslProtocols.Tls12);
        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test", SslProtocols.Tls12);

        // The suite is not the one chosen by default, so the policy is what picked it.
        Assert.NotEqual(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, byDefault.Stream.NegotiatedCipherSuite);
        Assert.Equal(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, client.Stream.NegotiatedCipherSuite);
    }

    [CipherPolicyFact]
    public async Task Handshake_CipherSuites_Tls13SuiteApplied()
    {
        await using var plain = Server("ssl crt /certs/site.pem");
        await using var server = Server("ssl crt /certs/site.pem ciphersuites TLS_CHACHA20_POLY1305_SHA256");

        await using var byDefault = await TlsTestClient.ConnectAsync(plain.Port, "a.test", SslProtocols.Tls13);
        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test", SslProtocols.Tls13);

        Assert.NotEqual(TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256, byDefault.Stream.NegotiatedCipherSuite);
        Assert.Equal(TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256, client.Stream.NegotiatedCipherSuite);
    }

    [CipherPolicyFact]
    public async Task Handshake_OnlyTls12CiphersGiven_Tls13StillNegotiates()
    {
        // A policy replaces both lists; the TLS 1.3 side gets OpenSSL's defaults rather than nothing.
        await using var server = Server("ssl crt /certs/site.pem ciphers ECDHE-ECDSA-AES128-GCM-SHA256");

        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test", SslProtocols.Tls13);

        Assert.Equal(SslProtocols.Tls13, client.Stream.SslProtocol);
    }

    [Fact]
    public async Task Handshake_VerifyRequiredWithCertificateFromTheCa_Accepted()
    {
        await using var server = Server("ssl crt /certs/site.pem verify required ca-file /certs/ca.pem");

        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test", clientCertificate: ClientContext(TlsTestCertificates.B));

        Assert.Equal("ping", await client.EchoAsync("ping"));
    }

    [Fact]
    public async Task Handshake_VerifyRequiredWithoutCertificate_Refused()
    {
        await using var server = Server("ssl crt /certs/site.pem verify required ca-file /certs/ca.pem");

        // With TLS 1.3 the client may finish its handshake before the server's refusal arrives; then the first read fails.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test");
            await client.EchoAsync("ping");
        });
        await FirstHandshakeErrorAsync(server);
    }

    [Fact]
    public async Task Handshake_VerifyRequiredWithCertificateFromAnotherCa_Refused()
    {
        var stranger = TestCertificates.CreateLeaf(TestCertificates.CreateRoot("Other CA"), ["client.test"]);
        await using var server = Server("ssl crt /certs/site.pem verify required ca-file /certs/ca.pem");

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test", clientCertificate: ClientContext(stranger));
            await client.EchoAsync("ping");
        });
        await FirstHandshakeErrorAsync(server);
    }

    [Fact]
    public async Task Handshake_VerifyOptionalWithoutCertificate_Accepted()
    {
        await using var server = Server("ssl crt /certs/site.pem verify optional ca-file /certs/ca.pem");

        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test");

        Assert.Equal("ping", await client.EchoAsync("ping"));
    }

    private TlsEchoServer Server(string options, string mode = "tcp", IReadOnlyCollection<string>? servedProtocols = null)
    {
        var tls = _helper.Tls(options, mode: mode)!;
        return new TlsEchoServer(TlsServerOptionsProvider.Create(tls, new CertificateLoader(_helper.Files, _helper.Time), servedProtocols));
    }

    private static SslStreamCertificateContext ClientContext(TestCertificate certificate) =>
        SslStreamCertificateContext.Create(
            X509CertificateLoader.LoadPkcs12(certificate.Certificate.Export(X509ContentType.Pkcs12), null),
            [.. certificate.Issuers.SkipLast(1).Select(i => i.Certificate)],
            offline: true);

    /// <summary>The server's first handshake failure; the server may record it a moment after the client saw its side fail.</summary>
    private static async Task<Exception> FirstHandshakeErrorAsync(TlsEchoServer server)
    {
        for (var i = 0; i < 200; i++)
        {
            if (server.HandshakeErrors.TryPeek(out var error))
            {
                return error;
            }

            await Task.Delay(25);
        }

        throw new Xunit.Sdk.XunitException("the server recorded no handshake failure");
    }
}
