using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Appliance.HaAgent.Sync.Security;
using Appliance.Tests.Common;

namespace Appliance.HaAgent.Tests.Sync.Security;

public class ClusterCertificateAuthorityTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_Defaults_EcdsaP256CaForTenYears()
    {
        using var ca = ClusterCertificateAuthority.Create("prod", new FakeTimeProvider(Start));
        var certificate = ca.Certificate;
        Assert.Equal("CN=prod cluster CA, O=appliance", certificate.Subject);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        using var key = certificate.GetECDsaPublicKey()!;
        Assert.Equal(256, key.KeySize);
        Assert.Equal("1.2.840.10045.3.1.7", key.ExportParameters(false).Curve.Oid.Value); // secp256r1 (P-256)
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        Assert.True(constraints.Critical);
        Assert.Equal(Start.AddHours(-1), new DateTimeOffset(certificate.NotBefore.ToUniversalTime()));
        Assert.Equal(Start.AddDays(3653), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()));
    }

    [Fact]
    public void IssueNodeCertificate_NameAndAddresses_InTheSanWithBothTlsUsages()
    {
        using var ca = ClusterCertificateAuthority.Create("prod", new FakeTimeProvider(Start));
        using var node = ca.IssueNodeCertificate("lb1", [IPAddress.Parse("10.213.0.11"), IPAddress.Parse("fd00::11")], extraDnsNames: ["lb1.example.net"]);
        Assert.Equal("CN=lb1", node.Subject);
        Assert.True(node.HasPrivateKey);
        var san = node.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["lb1", "lb1.example.net"], san.EnumerateDnsNames());
        Assert.Equal([IPAddress.Parse("10.213.0.11"), IPAddress.Parse("fd00::11")], san.EnumerateIPAddresses());
        var usages = node.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value);
        Assert.Equal([ClusterCertificateValidator.ServerAuthentication, ClusterCertificateValidator.ClientAuthentication], usages);
        Assert.Equal(Start.AddDays(1826), new DateTimeOffset(node.NotAfter.ToUniversalTime()));
    }

    [Fact]
    public void IssueNodeCertificate_LongerThanTheCa_EndsWithTheCa()
    {
        using var ca = ClusterCertificateAuthority.Create("prod", new FakeTimeProvider(Start), validity: TimeSpan.FromDays(100));
        using var node = ca.IssueNodeCertificate("lb1", [], validity: TimeSpan.FromDays(1000));
        Assert.Equal(ca.Certificate.NotAfter, node.NotAfter);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lb 1")]
    [InlineData("-lb1")]
    [InlineData("lb1.")]
    [InlineData("lb_1")]
    [InlineData("CN=evil")]
    public void IssueNodeCertificate_NotAHostName_Throws(string name)
    {
        using var ca = ClusterCertificateAuthority.Create("prod");
        var error = Assert.Throws<ArgumentException>(() => ca.IssueNodeCertificate(name, []));
        Assert.StartsWith($"'{name}' is not a host name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ClusterNameWithX500Syntax_Throws()
    {
        Assert.Throws<ArgumentException>(() => ClusterCertificateAuthority.Create("a, O=b"));
    }

    [Fact]
    public void Validate_NodeOfTheCluster_PassesForBothRolesAndItsNames()
    {
        var now = DateTimeOffset.UtcNow;
        var ca = TestPki.PublicOnly(TestPki.ClusterCa);
        Assert.Null(ClusterCertificateValidator.Validate(TestPki.NodeA, ca, now, ClusterCertificateValidator.ServerAuthentication, "node-a"));
        Assert.Null(ClusterCertificateValidator.Validate(TestPki.NodeA, ca, now, ClusterCertificateValidator.ServerAuthentication, "127.0.0.1"));
        Assert.Null(ClusterCertificateValidator.Validate(TestPki.NodeA, ca, now, ClusterCertificateValidator.ClientAuthentication, null));
        Assert.Equal("node-a", ClusterCertificateValidator.NodeName(TestPki.NodeA));
    }

    [Fact]
    public void Validate_OtherName_Fails()
    {
        var failure = ClusterCertificateValidator.Validate(
            TestPki.NodeA, TestPki.ClusterCa, DateTimeOffset.UtcNow, ClusterCertificateValidator.ServerAuthentication, "node-b");
        Assert.Equal("certificate 'CN=node-a' does not name 'node-b' in its subject alternative names", failure);
    }

    [Fact]
    public void Validate_OtherClustersNode_FailsNamingItsIssuer()
    {
        var failure = ClusterCertificateValidator.Validate(
            TestPki.Stranger, TestPki.ClusterCa, DateTimeOffset.UtcNow, ClusterCertificateValidator.ClientAuthentication, null);
        Assert.StartsWith("certificate 'CN=node-b' (issuer 'CN=other cluster CA, O=appliance') is not valid for the cluster CA", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AfterExpiry_Fails()
    {
        var failure = ClusterCertificateValidator.Validate(
            TestPki.NodeA, TestPki.ClusterCa, DateTimeOffset.UtcNow.AddYears(6), ClusterCertificateValidator.ClientAuthentication, null);
        Assert.Contains("NotTimeValid", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TheCaItselfAsAPeer_Fails()
    {
        // Only node certificates identify nodes: the CA (which has no extended key usage, so "any") is refused as a peer.
        using var ca = ClusterCertificateAuthority.Create("prod");
        var failure = ClusterCertificateValidator.Validate(
            ca.Certificate, ca.Certificate, DateTimeOffset.UtcNow, ClusterCertificateValidator.ClientAuthentication, null);
        Assert.Equal("certificate 'CN=prod cluster CA, O=appliance' is a CA certificate, not a node certificate", failure);
    }

    [Fact]
    public void SaveAndLoad_CaAndNodePemFiles_RoundTripWithPrivateKeyFiles()
    {
        using var directory = new TempDirectory();
        string Path(string name) => System.IO.Path.Combine(directory.Path, name);
        using (var created = ClusterCertificateAuthority.Create("prod"))
        {
            created.Save(Path("ca.pem"), Path("ca.key"));
        }

        using var ca = ClusterCertificateAuthority.Load(Path("ca.pem"), Path("ca.key"));
        using var node = ca.IssueNodeCertificate("lb2", [IPAddress.Loopback]);
        CertificatePemFiles.Write(node, Path("lb2.pem"), Path("lb2.key"));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(Path("lb2.pem")), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path("lb2.key")), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path("lb2.key")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path("ca.key")));
        }

        var security = MutualTlsSecurity.Load(Path("ca.pem"), Path("lb2.pem"), Path("lb2.key"));
        Assert.False(security.ClusterCa.HasPrivateKey);
        Assert.True(security.NodeCertificate.HasPrivateKey);
        Assert.Null(ClusterCertificateValidator.Validate(
            security.NodeCertificate, security.ClusterCa, DateTimeOffset.UtcNow, ClusterCertificateValidator.ServerAuthentication, "lb2"));
    }

    [Fact]
    public void Load_NodeCertificateAsCa_Throws()
    {
        using var directory = new TempDirectory();
        var certificate = System.IO.Path.Combine(directory.Path, "n.pem");
        var key = System.IO.Path.Combine(directory.Path, "n.key");
        CertificatePemFiles.Write(TestPki.NodeA, certificate, key);
        var error = Assert.Throws<CryptographicException>(() => ClusterCertificateAuthority.Load(certificate, key));
        Assert.Equal($"{certificate}: 'CN=node-a' is not a CA certificate", error.Message);
    }
}
