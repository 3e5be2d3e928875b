using System.Security.Authentication;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Tls;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>
/// A fact about refusing TLS 1.1, which means something only where TLS 1.1 can be negotiated at all: OpenSSL 3 at its
/// default security level (Debian, Ubuntu) refuses TLS 1.1 on both sides whatever the server asks, so a "refused"
/// result would prove nothing. The probe is a loopback handshake with a server that allows TLS 1.1.
/// </summary>
public sealed class Tls11AvailableFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(Probe);

    public Tls11AvailableFactAttribute()
    {
        if (!Available.Value)
        {
            Skip = "TLS 1.1 cannot be negotiated on this machine even when the server allows it (OpenSSL security level), so its refusal cannot be told apart";
        }
    }

    private static bool Probe()
    {
        var files = new InMemoryCertificateFileSystem().Add("/certs/site.pem", TlsTestCertificates.A.ToPem());
        var config = new BindTlsConfig { Certificates = ["/certs/site.pem"], Versions = [TlsVersion.Tls11, TlsVersion.Tls12, TlsVersion.Tls13] };
        var provider = TlsServerOptionsProvider.Create(config, new CertificateLoader(files, TimeProvider.System));
        return Task.Run(async () =>
        {
            await using var server = new TlsEchoServer(provider);
            try
            {
#pragma warning disable SYSLIB0039, CA5397 // The probe asks for TLS 1.1 on purpose.
                await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test", SslProtocols.Tls11);
#pragma warning restore SYSLIB0039, CA5397
                return true;
            }
            catch (Exception e) when (e is AuthenticationException or IOException)
            {
                return false;
            }
        }).GetAwaiter().GetResult();
    }
}
