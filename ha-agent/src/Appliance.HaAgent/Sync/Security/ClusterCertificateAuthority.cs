using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.HaAgent.Sync.Security;

/// <summary>
/// The cluster's own certificate authority for mutual TLS between sync peers: an ECDSA P-256 self-signed CA (default
/// 10 years) that issues node certificates (SAN: the node name and its addresses; usable as TLS server and client).
/// Meant for the CLI: create once on one node, copy <c>ca.pem</c> to every node, issue each node its pair, keep
/// <c>ca.key</c> offline.
/// </summary>
public sealed class ClusterCertificateAuthority : IDisposable
{
    /// <summary>Default CA lifetime: 10 years, longer than an appliance's service life so it never expires in the field.</summary>
    public static readonly TimeSpan DefaultCaValidity = TimeSpan.FromDays(3653);

    /// <summary>Default node certificate lifetime: 5 years (and never past the CA's end).</summary>
    public static readonly TimeSpan DefaultNodeValidity = TimeSpan.FromDays(1826);

    // Certificates start an hour in the past so a peer whose clock is a little behind accepts a fresh one.
    private static readonly TimeSpan Backdate = TimeSpan.FromHours(1);

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1", "Server Authentication");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2", "Client Authentication");

    private readonly TimeProvider _time;

    private ClusterCertificateAuthority(X509Certificate2 certificate, TimeProvider time)
    {
        Certificate = certificate;
        _time = time;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Creates a new CA named <c>CN=CLUSTER cluster CA</c>.</summary>
    /// <param name="clusterName">Names the cluster in the CA's subject.</param>
    /// <param name="time">The clock for validity; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="validity">Lifetime; default <see cref="DefaultCaValidity"/> (10 years).</param>
    public static ClusterCertificateAuthority Create(string clusterName, TimeProvider? time = null, TimeSpan? validity = null)
    {
        time ??= TimeProvider.System;
        if (string.IsNullOrWhiteSpace(clusterName) || clusterName.Any(c => c is ',' or '=' or '+' or '"' or '\\' or '<' or '>' or ';' || char.IsControl(c)))
        {
            throw new ArgumentException($"cluster name '{clusterName}' is empty or has a character that X.500 names escape (, = + \" \\ < > ;)", nameof(clusterName));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={clusterName} cluster CA, O=appliance", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        var certificate = request.CreateSelfSigned(now - Backdate, now + (validity ?? DefaultCaValidity));
        return new ClusterCertificateAuthority(certificate, time);
    }

    /// <summary>Loads a CA saved by <see cref="Save"/>.</summary>
    public static ClusterCertificateAuthority Load(string certificatePath, string keyPath, TimeProvider? time = null)
    {
        var certificate = CertificatePemFiles.Read(certificatePath, keyPath);
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (constraints is not { CertificateAuthority: true })
        {
            throw new CryptographicException($"{certificatePath}: '{certificate.Subject}' is not a CA certificate");
        }

        return new ClusterCertificateAuthority(certificate, time ?? TimeProvider.System);
    }

    /// <summary>Writes the CA certificate (to give every node) and its key (0600; keep it off the nodes).</summary>
    public void Save(string certificatePath, string keyPath) => CertificatePemFiles.Write(Certificate, certificatePath, keyPath);

    /// <summary>
    /// Issues a node certificate: subject <c>CN=NODE</c>, SAN DNS:NODE plus <paramref name="addresses"/> (IP SANs) and
    /// <paramref name="extraDnsNames"/>, key usage digitalSignature, extended key usage serverAuth and clientAuth.
    /// </summary>
    /// <param name="nodeName">The node's name as peers address it (<c>sync_peer NAME ...</c>): letters, digits, '-' and '.'.</param>
    /// <param name="addresses">The node's sync addresses.</param>
    /// <param name="validity">Lifetime; default <see cref="DefaultNodeValidity"/> (5 years), cut to the CA's end.</param>
    /// <param name="extraDnsNames">More DNS names for the SAN.</param>
    /// <returns>The certificate with its new ECDSA P-256 private key.</returns>
    public X509Certificate2 IssueNodeCertificate(
        string nodeName, IEnumerable<IPAddress> addresses, TimeSpan? validity = null, IEnumerable<string>? extraDnsNames = null)
    {
        CheckDnsName(nodeName, nameof(nodeName));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={nodeName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(nodeName);
        foreach (var name in extraDnsNames ?? [])
        {
            CheckDnsName(name, nameof(extraDnsNames));
            san.AddDnsName(name);
        }

        foreach (var address in addresses)
        {
            san.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(san.Build());
        var now = _time.GetUtcNow();
        var notAfter = now + (validity ?? DefaultNodeValidity);
        if (notAfter > Certificate.NotAfter.ToUniversalTime())
        {
            notAfter = Certificate.NotAfter.ToUniversalTime();
        }

        using var signed = request.Create(Certificate, now - Backdate, notAfter, RandomNumberGenerator.GetBytes(16).Select((b, i) => i == 0 ? (byte)(b & 0x7F) : b).ToArray());
        return signed.CopyWithPrivateKey(key);
    }

    /// <inheritdoc />
    public void Dispose() => Certificate.Dispose();

    private static void CheckDnsName(string name, string parameter)
    {
        if (name.Length is 0 or > 253 || name.StartsWith('-') || name.StartsWith('.') || name.EndsWith('.')
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
        {
            throw new ArgumentException($"'{name}' is not a host name (letters, digits, '-' and '.', at most 253 characters)", parameter);
        }
    }
}
