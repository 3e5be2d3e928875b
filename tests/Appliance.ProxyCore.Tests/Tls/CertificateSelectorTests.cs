using Appliance.ProxyCore.Tls;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Tls;

public class CertificateSelectorTests
{
    private static readonly ServerCertificate A = Load("/c/a.pem", TlsTestCertificates.A);
    private static readonly ServerCertificate B = Load("/c/b.pem", TlsTestCertificates.B);
    private static readonly ServerCertificate Wild = Load("/c/wild.pem", TlsTestCertificates.Wildcard);

    private readonly CertificateSelector _selector = new([A, Wild, B]);

    [Theory]
    [InlineData("a.test", "/c/a.pem")]
    [InlineData("b.test", "/c/b.pem")]
    [InlineData("www.b.test", "/c/b.pem")]
    [InlineData("A.TEST", "/c/a.pem")]
    [InlineData("a.test.", "/c/a.pem")]
    [InlineData("x.wild.test", "/c/wild.pem")]
    [InlineData("X.Wild.Test", "/c/wild.pem")]
    public void Select_MatchingName_ThatCertificate(string serverName, string expectedPath) =>
        Assert.Equal(expectedPath, _selector.Select(serverName, strictSni: false)!.Path);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("c.test")]
    [InlineData("wild.test")]
    [InlineData("a.b.wild.test")]
    [InlineData(".wild.test")]
    [InlineData("test")]
    public void Select_NoMatch_FirstCertificateOfTheBind(string? serverName) =>
        Assert.Same(A, _selector.Select(serverName, strictSni: false));

    [Theory]
    [InlineData(null)]
    [InlineData("c.test")]
    [InlineData("a.b.wild.test")]
    public void Select_NoMatchUnderStrictSni_Null(string? serverName) => Assert.Null(_selector.Select(serverName, strictSni: true));

    [Fact]
    public void Select_MatchUnderStrictSni_ThatCertificate() => Assert.Same(B, _selector.Select("b.test", strictSni: true));

    [Fact]
    public void Select_ExactNameAndWildcardBothMatch_ExactWins()
    {
        var exact = Load("/c/exact.pem", TestCertificates.CreateLeaf(TlsTestCertificates.Intermediate, ["x.wild.test"]));
        var selector = new CertificateSelector([Wild, exact]);

        Assert.Same(exact, selector.Select("x.wild.test", strictSni: false));
        Assert.Same(Wild, selector.Select("y.wild.test", strictSni: false));
    }

    [Fact]
    public void Select_TwoCertificatesWithTheSameName_FirstLoadedWins()
    {
        var second = Load("/c/a2.pem", TestCertificates.CreateLeaf(TlsTestCertificates.Intermediate, ["a.test"]));

        Assert.Same(A, new CertificateSelector([B, A, second]).Select("a.test", strictSni: false));
        Assert.Same(second, new CertificateSelector([B, second, A]).Select("a.test", strictSni: false));
    }

    [Fact]
    public void FindIndex_Positions_InLoadOrder()
    {
        Assert.Equal(
            [0, 1, 2, -1],
            [_selector.FindIndex("a.test"), _selector.FindIndex("x.wild.test"), _selector.FindIndex("b.test"), _selector.FindIndex("nope.test")]);
    }

    [Fact]
    public void Constructor_NoCertificate_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new CertificateSelector([]));

    private static ServerCertificate Load(string path, TestCertificate certificate)
    {
        var problems = new List<CertificateProblem>();
        return PemCertificateParser.Parse(path, certificate.ToPem(), path + ".key", null, DateTimeOffset.UtcNow, problems)
            ?? throw new InvalidOperationException(string.Join("; ", problems));
    }
}
