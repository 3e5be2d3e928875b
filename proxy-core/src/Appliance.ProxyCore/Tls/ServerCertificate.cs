using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.ProxyCore.Tls;

/// <summary>
/// One certificate a bind can present: the leaf with its private key, the chain sent after it, and the host names it
/// serves (its DNS subject alternative names, or its common name when it has none, as HAProxy indexes them).
/// </summary>
public sealed class ServerCertificate
{
    internal ServerCertificate(string path, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> chain, IReadOnlyList<string> names)
    {
        Path = path;
        Certificate = certificate;
        Chain = chain;
        Names = names;

        // Offline: the chain comes from the file only; the handshake path must never wait on an AIA download.
        Context = SslStreamCertificateContext.Create(certificate, [.. chain], offline: true);
    }

    /// <summary>The file it was loaded from.</summary>
    public string Path { get; }

    /// <summary>The leaf certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The other certificates of the file (intermediates, maybe the root), in file order.</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>Host names, lower case as written in the certificate; <c>*.example.com</c> is a wildcard.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>What SslStream presents: the leaf and the chain built from <see cref="Chain"/>.</summary>
    public SslStreamCertificateContext Context { get; }

    public override string ToString() => $"{Certificate.Subject} ({Path})";
}
