using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tls;

/// <summary>
/// Turns the text of a combined PEM file into a <see cref="ServerCertificate"/>: certificates and private key in any
/// order (certbot users concatenate fullchain.pem and privkey.pem either way round), RSA or ECDSA keys in PKCS#1, SEC1
/// or PKCS#8 form, or the key in HAProxy's side file <c>FILE.key</c>. The leaf is the certificate whose public key
/// matches the private key; the others form the chain. HAProxy instead takes the first certificate as the leaf.
/// </summary>
internal static class PemCertificateParser
{
    private const string CertificateLabel = "CERTIFICATE";
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    /// <param name="keyText">The text of <paramref name="keyPath"/>, null when that file does not exist; used only when the PEM has no key.</param>
    /// <param name="problems">Receives the error (then null is returned) and any warning, such as an expired certificate.</param>
    public static ServerCertificate? Parse(string path, string pemText, string keyPath, string? keyText, DateTimeOffset now, List<CertificateProblem> problems)
    {
        var blocks = PemReader.Read(pemText, out var error);
        if (blocks is null)
        {
            return Fail(path, error!, problems);
        }

        var certificates = new List<X509Certificate2>();
        foreach (var block in blocks.Where(b => b.Label == CertificateLabel))
        {
            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(block.Data));
            }
            catch (CryptographicException e)
            {
                return Fail(path, ConfigMessages.CertMalformedBlock(block.Label, block.Line, ConfigMessages.CertBadDer(e.Message)), problems);
            }
        }

        if (certificates.Count == 0)
        {
            return Fail(path, ConfigMessages.CertNoCertificate(), problems);
        }

        var keyBlock = blocks.Find(IsKey);
        if (keyBlock is null && keyText is not null)
        {
            var keyBlocks = PemReader.Read(keyText, out error);
            if (keyBlocks is null)
            {
                return Fail(path, $"{keyPath}: {error}", problems);
            }

            keyBlock = keyBlocks.Find(IsKey);
        }

        if (keyBlock is null)
        {
            return Fail(path, ConfigMessages.CertNoPrivateKey(keyPath), problems);
        }

        using var key = ImportKey(keyBlock, out error);
        if (key is null)
        {
            return Fail(path, error!, problems);
        }

        var publicKey = key.ExportSubjectPublicKeyInfo();
        var leaf = certificates.Find(c => c.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKey));
        if (leaf is null)
        {
            return Fail(path, ConfigMessages.CertKeyMatchesNone(certificates.Count), problems);
        }

        var notAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime());
        if (notAfter < now)
        {
            // HAProxy loads an expired certificate too; refusing it would turn a renewal delay into an outage.
            problems.Add(new CertificateProblem(path, ConfigMessages.CertExpired(leaf.Subject, notAfter), IsError: false));
        }

        using var withKey = key is RSA rsa ? leaf.CopyWithPrivateKey(rsa) : leaf.CopyWithPrivateKey((ECDsa)key);

        // A key imported from PEM is ephemeral; SChannel (Windows) cannot use one in a handshake. A PKCS#12 round trip
        // gives a persisted-style key everywhere, so one code path serves every OS.
        var usable = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
        var chain = certificates.Where(c => !ReferenceEquals(c, leaf)).ToList();
        leaf.Dispose();
        return new ServerCertificate(path, usable, chain, HostNames(usable));
    }

    /// <summary>The DNS names of the subject alternative name extension, else the common name (RFC 6125 6.4.4).</summary>
    public static IReadOnlyList<string> HostNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value == "2.5.29.17")
            {
                names.AddRange(new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical).EnumerateDnsNames());
            }
        }

        if (names.Count == 0 && certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } commonName)
        {
            names.Add(commonName);
        }

        return names;
    }

    private static bool IsKey(PemBlock block) => block.Label.EndsWith("PRIVATE KEY", StringComparison.Ordinal);

    private static AsymmetricAlgorithm? ImportKey(PemBlock block, out string? error)
    {
        error = null;
        if (block.Encrypted || block.Label == "ENCRYPTED PRIVATE KEY")
        {
            error = ConfigMessages.CertEncryptedKey(block.Line);
            return null;
        }

        try
        {
            switch (block.Label)
            {
                case "RSA PRIVATE KEY":
                    var rsa = RSA.Create();
                    rsa.ImportRSAPrivateKey(block.Data, out _);
                    return rsa;
                case "EC PRIVATE KEY":
                    var ec = ECDsa.Create();
                    ec.ImportECPrivateKey(block.Data, out _);
                    return ec;
                case "PRIVATE KEY":
                    return ImportPkcs8(block, out error);
                default:
                    error = ConfigMessages.CertUnsupportedKey(block.Label, block.Line);
                    return null;
            }
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            error = ConfigMessages.CertMalformedBlock(block.Label, block.Line, ConfigMessages.CertBadKey(e.Message));
            return null;
        }
    }

    /// <summary>PKCS#8 names its algorithm inside (RFC 5208 PrivateKeyInfo); RSA and EC are usable, others (Ed25519, DSA) not.</summary>
    private static AsymmetricAlgorithm? ImportPkcs8(PemBlock block, out string? error)
    {
        error = null;
        var reader = new AsnReader(block.Data, AsnEncodingRules.DER).ReadSequence();
        reader.ReadInteger();
        var algorithm = reader.ReadSequence().ReadObjectIdentifier();
        switch (algorithm)
        {
            case RsaOid:
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(block.Data, out _);
                return rsa;
            case EcOid:
                var ec = ECDsa.Create();
                ec.ImportPkcs8PrivateKey(block.Data, out _);
                return ec;
            default:
                error = ConfigMessages.CertUnsupportedKey($"{block.Label} ({algorithm})", block.Line);
                return null;
        }
    }

    private static ServerCertificate? Fail(string path, string message, List<CertificateProblem> problems)
    {
        problems.Add(new CertificateProblem(path, message, IsError: true));
        return null;
    }
}
