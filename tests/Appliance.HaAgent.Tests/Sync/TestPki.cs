using System.Net;
using System.Security.Cryptography.X509Certificates;
using Appliance.HaAgent.Sync.Security;

namespace Appliance.HaAgent.Tests.Sync;

/// <summary>
/// Certificates for the mutual-TLS tests, made once per test run with the production API: the cluster CA with node-a
/// (the server) and node-b (a client), both for 127.0.0.1, and a stranger from another cluster's CA.
/// </summary>
internal static class TestPki
{
    private static readonly Lazy<Pki> Instance = new(Create);

    public static X509Certificate2 ClusterCa => Instance.Value.Ca.Certificate;

    public static X509Certificate2 NodeA => Instance.Value.NodeA;

    public static X509Certificate2 NodeB => Instance.Value.NodeB;

    public static X509Certificate2 OtherClusterCa => Instance.Value.OtherCa.Certificate;

    public static X509Certificate2 Stranger => Instance.Value.Stranger;

    public static ClusterCertificateAuthority Ca => Instance.Value.Ca;

    public static MutualTlsSecurity ServerSecurity => new(PublicOnly(ClusterCa), NodeA);

    public static MutualTlsSecurity ClientSecurity => new(PublicOnly(ClusterCa), NodeB);

    /// <summary>The CA certificate as nodes hold it: without its key.</summary>
    public static X509Certificate2 PublicOnly(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    private static Pki Create()
    {
        var ca = ClusterCertificateAuthority.Create("test");
        var other = ClusterCertificateAuthority.Create("other");
        return new Pki(
            ca,
            ca.IssueNodeCertificate("node-a", [IPAddress.Loopback]),
            ca.IssueNodeCertificate("node-b", [IPAddress.Loopback]),
            other,
            other.IssueNodeCertificate("node-b", [IPAddress.Loopback]));
    }

    private sealed record Pki(
        ClusterCertificateAuthority Ca, X509Certificate2 NodeA, X509Certificate2 NodeB, ClusterCertificateAuthority OtherCa, X509Certificate2 Stranger);
}
