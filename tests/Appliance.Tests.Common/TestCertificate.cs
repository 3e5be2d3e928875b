using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Appliance.Tests.Common;

/// <summary>A certificate made by <see cref="TestCertificates"/>, with its key and its issuers (nearest first, root last).</summary>
public sealed class TestCertificate(X509Certificate2 certificate, AsymmetricAlgorithm key, IReadOnlyList<TestCertificate> issuers)
{
    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; } = certificate;

    public AsymmetricAlgorithm Key { get; } = key;

    /// <summary>Nearest first; the last is the self-signed root. Empty for a root.</summary>
    public IReadOnlyList<TestCertificate> Issuers { get; } = issuers;

    public string CertificatePem => PemEncoding.WriteString("CERTIFICATE", Certificate.RawData) + "\n";

    public string KeyPem(TestKeyFormat format = TestKeyFormat.Pkcs8) => (format, Key) switch
    {
        (TestKeyFormat.Pkcs8, _) => Key.ExportPkcs8PrivateKeyPem(),
        (_, RSA rsa) => rsa.ExportRSAPrivateKeyPem(),
        (_, ECDsa ec) => ec.ExportECPrivateKeyPem(),
        _ => throw new NotSupportedException(Key.GetType().Name),
    } + "\n";

    /// <summary>A combined PEM file with <paramref name="parts"/> in the order given (e.g. key first, or key last as certbot users do).</summary>
    public string ToPem(TestKeyFormat keyFormat, params PemPart[] parts)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            switch (part)
            {
                case PemPart.Leaf:
                    text.Append(CertificatePem);
                    break;
                case PemPart.Intermediates:
                    foreach (var issuer in Issuers.Take(Issuers.Count - 1))
                    {
                        text.Append(issuer.CertificatePem);
                    }

                    break;
                case PemPart.Root:
                    text.Append(Issuers[^1].CertificatePem);
                    break;
                case PemPart.Key:
                    text.Append(KeyPem(keyFormat));
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>certbot's fullchain.pem followed by privkey.pem (PKCS#8): the most common combined file.</summary>
    public string ToPem() => ToPem(TestKeyFormat.Pkcs8, PemPart.Leaf, PemPart.Intermediates, PemPart.Key);
}
