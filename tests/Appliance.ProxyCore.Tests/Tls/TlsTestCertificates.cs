using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>Certificates shared by the TLS tests (key generation is the slow part): one CA chain, leaves for a few names.</summary>
internal static class TlsTestCertificates
{
    private static readonly Lazy<TestCertificate> LazyRoot = new(() => TestCertificates.CreateRoot());
    private static readonly Lazy<TestCertificate> LazyIntermediate = new(() => TestCertificates.CreateIntermediate(Root));
    private static readonly Lazy<TestCertificate> LazyA = new(() => TestCertificates.CreateLeaf(Intermediate, ["a.test"]));
    private static readonly Lazy<TestCertificate> LazyB = new(() => TestCertificates.CreateLeaf(Intermediate, ["b.test", "www.b.test"]));
    private static readonly Lazy<TestCertificate> LazyWildcard = new(() => TestCertificates.CreateLeaf(Intermediate, ["*.wild.test"]));
    private static readonly Lazy<TestCertificate> LazyRsa = new(() => TestCertificates.CreateLeaf(Intermediate, ["rsa.test"], TestKeyAlgorithm.Rsa));

    public static TestCertificate Root => LazyRoot.Value;

    public static TestCertificate Intermediate => LazyIntermediate.Value;

    /// <summary>ECDSA leaf for <c>a.test</c>, issued by <see cref="Intermediate"/>.</summary>
    public static TestCertificate A => LazyA.Value;

    /// <summary>ECDSA leaf for <c>b.test</c> and <c>www.b.test</c>.</summary>
    public static TestCertificate B => LazyB.Value;

    /// <summary>ECDSA leaf for <c>*.wild.test</c>.</summary>
    public static TestCertificate Wildcard => LazyWildcard.Value;

    /// <summary>RSA leaf for <c>rsa.test</c>.</summary>
    public static TestCertificate Rsa => LazyRsa.Value;
}
