using Appliance.ProxyCore.Tls;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>
/// The options every handshake of a bind gets. SslStream on Linux reuses its OpenSSL context (SSL_CTX) between handshakes
/// only when the options allow resumption and have no CipherSuitesPolicy; one options object per certificate, built once,
/// keeps the handshake path free of allocations of ours (OpenSslInteropTests shows the resumption this gives).
/// </summary>
public class TlsServerOptionsProviderTests
{
    private readonly TlsConfigTestHelper _helper = new();

    [Fact]
    public void GetOptions_RepeatedHandshakes_SameOptionsPerCertificate()
    {
        var provider = Create("ssl crt /certs/site.pem crt /certs/b.pem alpn h2,http/1.1");

        var first = provider.GetOptions("a.test");

        Assert.Same(first, provider.GetOptions("a.test"));
        Assert.Same(first, provider.GetOptions(null));
        Assert.Same(provider.GetOptions("b.test"), provider.GetOptions("www.b.test"));
        Assert.NotSame(first, provider.GetOptions("b.test"));
        Assert.Same(first!.ServerCertificateContext, provider.GetOptions("a.test")!.ServerCertificateContext);
    }

    [Fact]
    public void GetOptions_DefaultBind_LetsSslStreamCacheItsContext()
    {
        var options = Create("ssl crt /certs/site.pem", "    ssl-default-bind-options ssl-min-ver TLSv1.3\n"
            + "    ssl-default-bind-ciphersuites TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256\n").GetOptions(null)!;

        Assert.True(options.AllowTlsResume);
        Assert.Null(options.CipherSuitesPolicy);
        Assert.Null(options.ServerCertificate);
        Assert.Null(options.ServerCertificateSelectionCallback);
        Assert.NotNull(options.ServerCertificateContext);
    }

    [Fact]
    public void GetOptions_NoTlsTickets_NoResumption()
    {
        var options = Create("ssl crt /certs/site.pem no-tls-tickets").GetOptions(null)!;

        Assert.False(options.AllowTlsResume);
    }

    [Fact]
    public void GetOptions_CertificatesReloaded_NewOptionsOnceThenSameAgain()
    {
        var provider = Create("ssl crt /certs/site.pem");
        var before = provider.GetOptions(null);
        _helper.Files.Add("/certs/site.pem", TlsTestCertificates.B.ToPem());

        provider.Store.Reload();
        var after = provider.GetOptions(null);

        Assert.NotSame(before, after);
        Assert.Same(after, provider.GetOptions(null));
    }

    private TlsServerOptionsProvider Create(string bindOptions, string global = "") =>
        TlsServerOptionsProvider.Create(_helper.Tls(bindOptions, global)!, new CertificateLoader(_helper.Files, _helper.Time));
}
