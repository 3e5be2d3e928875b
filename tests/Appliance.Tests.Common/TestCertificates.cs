using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Appliance.Tests.Common;

/// <summary>
/// Makes certificates for TLS tests with .NET's <see cref="CertificateRequest"/> (no openssl at test time): a root CA,
/// intermediates, and leaves for given DNS names, valid from an hour ago for 30 days unless told otherwise.
/// </summary>
public static class TestCertificates
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public static TestCertificate CreateRoot(string name = "Test Root CA")
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest(name, key);
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddDays(-365), now.AddYears(10));
        return new TestCertificate(certificate, key, []);
    }

    public static TestCertificate CreateIntermediate(TestCertificate issuer, string name = "Test Intermediate CA")
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest(name, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(issuer.Certificate, now.AddDays(-300), now.AddYears(5), Serial());
        return new TestCertificate(signed.CopyWithPrivateKey(key), key, [issuer, .. issuer.Issuers]);
    }

    /// <summary>A server (and client) certificate for <paramref name="dnsNames"/> in its SAN; CN is the first name unless <paramref name="commonName"/> is given.</summary>
    /// <param name="dnsNames">May be empty: then the certificate names its host by CN only.</param>
    public static TestCertificate CreateLeaf(
        TestCertificate issuer,
        IReadOnlyList<string> dnsNames,
        TestKeyAlgorithm algorithm = TestKeyAlgorithm.Ecdsa,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null,
        string? commonName = null)
    {
        var now = DateTimeOffset.UtcNow;
        var subject = new X500DistinguishedName($"CN={commonName ?? (dnsNames.Count > 0 ? dnsNames[0] : "leaf")}");
        AsymmetricAlgorithm key;
        CertificateRequest request;
        if (algorithm == TestKeyAlgorithm.Rsa)
        {
            var rsa = RSA.Create(2048);
            key = rsa;
            request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        else
        {
            var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            key = ec;
            request = new CertificateRequest(subject, ec, HashAlgorithmName.SHA256);
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer.Certificate, true, false));
        if (dnsNames.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames)
            {
                san.AddDnsName(name);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        using var signed = request.Create(
            issuer.Certificate.SubjectName, Signer(issuer), notBefore ?? now.AddHours(-1), notAfter ?? now.AddDays(30), Serial());
        var certificate = key is RSA r ? signed.CopyWithPrivateKey(r) : signed.CopyWithPrivateKey((ECDsa)key);
        return new TestCertificate(certificate, key, [issuer, .. issuer.Issuers]);
    }

    /// <summary>A root, an intermediate under it and a leaf for <paramref name="dnsNames"/> under that.</summary>
    public static TestCertificate CreateChainedLeaf(IReadOnlyList<string> dnsNames, TestKeyAlgorithm algorithm = TestKeyAlgorithm.Ecdsa) =>
        CreateLeaf(CreateIntermediate(CreateRoot()), dnsNames, algorithm);

    private static CertificateRequest CaRequest(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    /// <summary>CAs have ECDSA keys; the generator lets an RSA leaf be signed by one.</summary>
    private static X509SignatureGenerator Signer(TestCertificate issuer) => X509SignatureGenerator.CreateForECDsa((ECDsa)issuer.Key);

    private static byte[] Serial() => RandomNumberGenerator.GetBytes(16);
}
