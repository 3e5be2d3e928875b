using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Tls;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>OpenSSL's own client against the provider: the certificate chosen by SNI, the chain sent, ALPN.</summary>
public sealed class OpenSslInteropTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [OpenSslFact]
    public async Task SClient_ServerNameA_VerifiesAgainstRootWithChainFromServer()
    {
        var root = _directory.Write("root.pem", TlsTestCertificates.Root.CertificatePem);
        await using var server = Start(["h2", "http/1.1"]);

        var output = await OpenSslClient.ConnectAsync(server.Port, "-servername", "a.test", "-CAfile", root, "-alpn", "http/1.1,h2");

        Assert.Contains("Verify return code: 0 (ok)", output, StringComparison.Ordinal);
        Assert.Contains(" 0 s:CN = a.test", output, StringComparison.Ordinal);
        Assert.Contains(" 1 s:CN = Test Intermediate CA", output, StringComparison.Ordinal);
        Assert.Contains("ALPN protocol: h2", output, StringComparison.Ordinal);
    }

    [OpenSslFact]
    public async Task SClient_ServerNameB_GetsB()
    {
        await using var server = Start();

        var output = await OpenSslClient.ConnectAsync(server.Port, "-servername", "b.test");

        Assert.Contains(" 0 s:CN = b.test", output, StringComparison.Ordinal);
    }

    [OpenSslFact]
    public async Task SClient_Tls12Only_Negotiates()
    {
        await using var server = Start();

        var output = await OpenSslClient.ConnectAsync(server.Port, "-servername", "a.test", "-tls1_2");

        Assert.Contains("Protocol  : TLSv1.2", output, StringComparison.Ordinal);
    }

    private TlsEchoServer Start(IReadOnlyList<string>? alpn = null)
    {
        var a = _directory.Write("certs/a.pem", TlsTestCertificates.A.ToPem(TestKeyFormat.Traditional, PemPart.Key, PemPart.Leaf, PemPart.Intermediates));
        var b = _directory.Write("certs/b.pem", TlsTestCertificates.B.ToPem());
        var config = new BindTlsConfig { Certificates = [a, b], Alpn = alpn ?? [] };
        return new TlsEchoServer(TlsServerOptionsProvider.Create(config));
    }
}
