using System.Security.Cryptography;
using Appliance.ProxyCore.Tls;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Tls;

public class PemCertificateParserTests
{
    private const string Path = "/certs/site.pem";
    private const string KeyPath = "/certs/site.pem.key";

    public static TheoryData<TestKeyAlgorithm, TestKeyFormat, PemPart[]> Orders => new()
    {
        { TestKeyAlgorithm.Ecdsa, TestKeyFormat.Pkcs8, [PemPart.Leaf, PemPart.Intermediates, PemPart.Key] },
        { TestKeyAlgorithm.Ecdsa, TestKeyFormat.Traditional, [PemPart.Key, PemPart.Leaf, PemPart.Intermediates] },
        { TestKeyAlgorithm.Ecdsa, TestKeyFormat.Pkcs8, [PemPart.Leaf, PemPart.Key, PemPart.Intermediates] },
        { TestKeyAlgorithm.Ecdsa, TestKeyFormat.Traditional, [PemPart.Intermediates, PemPart.Leaf, PemPart.Key] },
        { TestKeyAlgorithm.Rsa, TestKeyFormat.Pkcs8, [PemPart.Key, PemPart.Intermediates, PemPart.Leaf] },
        { TestKeyAlgorithm.Rsa, TestKeyFormat.Traditional, [PemPart.Leaf, PemPart.Intermediates, PemPart.Key] },
        { TestKeyAlgorithm.Rsa, TestKeyFormat.Traditional, [PemPart.Intermediates, PemPart.Key, PemPart.Leaf] },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void Parse_AnyOrderAndKeyFormat_LeafIsTheKeysCertificateAndTheRestIsTheChain(TestKeyAlgorithm algorithm, TestKeyFormat format, PemPart[] order)
    {
        var leaf = algorithm == TestKeyAlgorithm.Rsa ? TlsTestCertificates.Rsa : TlsTestCertificates.A;

        var certificate = ParseOk(leaf.ToPem(format, order));

        Assert.Equal(leaf.Certificate.Thumbprint, certificate.Certificate.Thumbprint);
        Assert.True(certificate.Certificate.HasPrivateKey);
        Assert.Equal([TlsTestCertificates.Intermediate.Certificate.Thumbprint], certificate.Chain.Select(c => c.Thumbprint));
        Assert.Equal(Path, certificate.Path);
    }

    [Fact]
    public void Parse_FullChainWithRoot_RootStaysInTheChain()
    {
        var leaf = TlsTestCertificates.A;

        var certificate = ParseOk(leaf.ToPem(TestKeyFormat.Pkcs8, PemPart.Leaf, PemPart.Intermediates, PemPart.Root, PemPart.Key));

        Assert.Equal(
            [TlsTestCertificates.Intermediate.Certificate.Thumbprint, TlsTestCertificates.Root.Certificate.Thumbprint],
            certificate.Chain.Select(c => c.Thumbprint));
    }

    [Fact]
    public void Parse_NoKeyInPemButKeyFileText_UsesTheKeyFile()
    {
        var leaf = TlsTestCertificates.A;

        var certificate = ParseOk(leaf.ToPem(TestKeyFormat.Pkcs8, PemPart.Leaf), keyText: leaf.KeyPem(TestKeyFormat.Traditional));

        Assert.Equal(leaf.Certificate.Thumbprint, certificate.Certificate.Thumbprint);
        Assert.True(certificate.Certificate.HasPrivateKey);
    }

    [Fact]
    public void Parse_KeyInPemAndKeyFile_PemKeyWins()
    {
        var leaf = TlsTestCertificates.A;

        // The side file holds another key; HAProxy reads FILE.key only when the PEM has none.
        var certificate = ParseOk(leaf.ToPem(), keyText: TlsTestCertificates.B.KeyPem());

        Assert.Equal(leaf.Certificate.Thumbprint, certificate.Certificate.Thumbprint);
    }

    [Fact]
    public void Parse_TextAroundBlocksAndCrLf_Ignored()
    {
        var leaf = TlsTestCertificates.A;
        var pem = "Bag Attributes\n    localKeyID: 01 02\nsubject=CN = a.test\n" + leaf.ToPem() + "trailing words\n";

        var certificate = ParseOk(pem.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(leaf.Certificate.Thumbprint, certificate.Certificate.Thumbprint);
    }

    [Fact]
    public void Parse_CertificateWithSan_NamesAreTheDnsNames()
    {
        Assert.Equal(["b.test", "www.b.test"], ParseOk(TlsTestCertificates.B.ToPem()).Names);
    }

    [Fact]
    public void Parse_CertificateWithoutSan_NameIsTheCommonName()
    {
        var leaf = TestCertificates.CreateLeaf(TlsTestCertificates.Intermediate, [], commonName: "cn-only.test");

        Assert.Equal(["cn-only.test"], ParseOk(leaf.ToPem()).Names);
    }

    [Fact]
    public void Parse_KeyOnly_NoCertificateError() =>
        AssertError(TlsTestCertificates.A.KeyPem(), "no certificate found in the file");

    [Fact]
    public void Parse_EmptyFile_NoCertificateError() => AssertError("", "no certificate found in the file");

    [Fact]
    public void Parse_CertificateWithoutKeyAndNoKeyFile_NoPrivateKeyError() =>
        AssertError(TlsTestCertificates.A.ToPem(TestKeyFormat.Pkcs8, PemPart.Leaf, PemPart.Intermediates),
            "no private key found in the file, nor in '/certs/site.pem.key'");

    [Fact]
    public void Parse_KeyFileWithoutKey_NoPrivateKeyError() =>
        AssertError(TlsTestCertificates.A.ToPem(TestKeyFormat.Pkcs8, PemPart.Leaf), "no private key found in the file, nor in '/certs/site.pem.key'",
            keyText: "not a key\n");

    [Fact]
    public void Parse_KeyOfAnotherCertificate_MatchesNoneError()
    {
        AssertError(TlsTestCertificates.A.ToPem(TestKeyFormat.Pkcs8, PemPart.Leaf, PemPart.Intermediates) + TlsTestCertificates.B.KeyPem(),
            "the private key matches none of the 2 certificates in the file");
        AssertError(TlsTestCertificates.A.CertificatePem + TlsTestCertificates.B.KeyPem(),
            "the private key does not match the certificate in the file");
    }

    [Fact]
    public void Parse_BlockWithoutEnd_MalformedError() =>
        AssertError("junk\n-----BEGIN CERTIFICATE-----\nMIIB\n",
            "malformed PEM block 'CERTIFICATE' at line 2: no '-----END CERTIFICATE-----' line follows it");

    [Fact]
    public void Parse_BlockWithWrongEnd_MalformedError()
    {
        var pem = TlsTestCertificates.A.KeyPem() + "-----BEGIN CERTIFICATE-----\nMIIB\n-----END PRIVATE KEY-----\n";

        AssertError(pem, $"malformed PEM block 'CERTIFICATE' at line {LineOf(pem, "-----BEGIN CERTIFICATE")}: it ends with '-----END PRIVATE KEY-----'");
    }

    [Fact]
    public void Parse_BadBase64_MalformedError() =>
        AssertError("-----BEGIN CERTIFICATE-----\nnot*base64!\n-----END CERTIFICATE-----\n",
            "malformed PEM block 'CERTIFICATE' at line 1: its content is not valid base64");

    [Fact]
    public void Parse_Base64ThatIsNoCertificate_MalformedError()
    {
        var problems = Parse("-----BEGIN CERTIFICATE-----\nAQIDBA==\n-----END CERTIFICATE-----\n" + TlsTestCertificates.A.KeyPem()).Problems;

        // The parenthesis holds the platform's ASN.1 message, which .NET words differently across versions.
        var problem = Assert.Single(problems);
        Assert.StartsWith("malformed PEM block 'CERTIFICATE' at line 1: not a valid X.509 certificate (", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.IsError);
    }

    [Fact]
    public void Parse_MalformedKey_MalformedError()
    {
        var pem = TlsTestCertificates.A.CertificatePem + "-----BEGIN EC PRIVATE KEY-----\nAQIDBA==\n-----END EC PRIVATE KEY-----\n";

        var problem = Assert.Single(Parse(pem).Problems);

        Assert.StartsWith($"malformed PEM block 'EC PRIVATE KEY' at line {LineOf(pem, "-----BEGIN EC")}: not a valid private key (", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EncryptedPkcs8Key_EncryptedError()
    {
        var encrypted = TlsTestCertificates.A.Key.ExportEncryptedPkcs8PrivateKeyPem(
            "secret", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000));

        AssertError(encrypted + "\n" + TlsTestCertificates.A.CertificatePem,
            "the private key at line 1 is encrypted; store it unencrypted (HAProxy would ask for a passphrase at start-up)");
    }

    [Fact]
    public void Parse_TraditionalEncryptedKey_EncryptedError()
    {
        var pem = TlsTestCertificates.A.CertificatePem
            + "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAQIDBA==\n-----END RSA PRIVATE KEY-----\n";

        AssertError(pem, $"the private key at line {LineOf(pem, "-----BEGIN RSA")} is encrypted; store it unencrypted (HAProxy would ask for a passphrase at start-up)");
    }

    [Fact]
    public void Parse_Ed25519Key_UnsupportedError()
    {
        // RFC 8410 PrivateKeyInfo for Ed25519: the algorithm is 1.3.101.112, the key 32 bytes.
        var der = Convert.FromHexString("302e020100300506032b657004220420" + new string('1', 64));

        var pem = TlsTestCertificates.A.CertificatePem + PemEncoding.WriteString("PRIVATE KEY", der) + "\n";

        AssertError(pem, $"the private key 'PRIVATE KEY (1.3.101.112)' at line {LineOf(pem, "-----BEGIN PRIVATE")} is not supported; use an RSA or ECDSA key");
    }

    [Fact]
    public void Parse_DsaKey_UnsupportedError()
    {
        var pem = TlsTestCertificates.A.CertificatePem + "-----BEGIN DSA PRIVATE KEY-----\nAQIDBA==\n-----END DSA PRIVATE KEY-----\n";

        AssertError(pem, $"the private key 'DSA PRIVATE KEY' at line {LineOf(pem, "-----BEGIN DSA")} is not supported; use an RSA or ECDSA key");
    }

    [Fact]
    public void Parse_ExpiredCertificate_LoadsWithWarning()
    {
        var leaf = TlsTestCertificates.A;
        var notAfter = new DateTimeOffset(leaf.Certificate.NotAfter.ToUniversalTime());

        var (certificate, problems) = Parse(leaf.ToPem(), now: notAfter.AddDays(1));

        Assert.NotNull(certificate);
        Assert.Equal(
            [new CertificateProblem(Path, $"'CN=a.test' expired on {notAfter.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z; clients will refuse it", IsError: false)],
            problems);
    }

    [Fact]
    public void Parse_ValidCertificate_NoProblem() => Assert.Empty(Parse(TlsTestCertificates.A.ToPem()).Problems);

    /// <summary>The 1-based line where <paramref name="marker"/> starts; certificate PEMs vary in length with their key type.</summary>
    private static int LineOf(string pem, string marker) => pem[..pem.IndexOf(marker, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    private static (ServerCertificate? Certificate, List<CertificateProblem> Problems) Parse(string pem, string? keyText = null, DateTimeOffset? now = null)
    {
        var problems = new List<CertificateProblem>();
        var certificate = PemCertificateParser.Parse(Path, pem, KeyPath, keyText, now ?? DateTimeOffset.UtcNow, problems);
        return (certificate, problems);
    }

    private static ServerCertificate ParseOk(string pem, string? keyText = null)
    {
        var (certificate, problems) = Parse(pem, keyText);
        Assert.Empty(problems);
        return certificate!;
    }

    private static void AssertError(string pem, string message, string? keyText = null)
    {
        var (certificate, problems) = Parse(pem, keyText);
        Assert.Null(certificate);
        Assert.Equal([new CertificateProblem(Path, message, IsError: true)], problems);
    }
}
