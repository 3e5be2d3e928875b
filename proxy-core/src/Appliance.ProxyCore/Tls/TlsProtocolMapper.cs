using System.Security.Authentication;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tls;

/// <summary>Maps configured versions to <see cref="SslProtocols"/>. SSLv3 maps to nothing: .NET and OpenSSL 3 cannot speak it.</summary>
internal static class TlsProtocolMapper
{
    public static SslProtocols ToSslProtocols(IEnumerable<TlsVersion> versions)
    {
        var protocols = SslProtocols.None;
        foreach (var version in versions)
        {
            protocols |= version switch
            {
                // TLS 1.0 and 1.1 are obsolete (RFC 8996) but an operator may still ask for them explicitly.
#pragma warning disable SYSLIB0039, CA5397
                TlsVersion.Tls10 => SslProtocols.Tls,
                TlsVersion.Tls11 => SslProtocols.Tls11,
#pragma warning restore SYSLIB0039, CA5397
                TlsVersion.Tls12 => SslProtocols.Tls12,
                TlsVersion.Tls13 => SslProtocols.Tls13,
                _ => SslProtocols.None,
            };
        }

        return protocols;
    }
}
