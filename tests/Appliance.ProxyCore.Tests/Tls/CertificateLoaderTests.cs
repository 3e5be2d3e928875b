using Appliance.ProxyCore.Tls;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Tls;

public class CertificateLoaderTests
{
    private readonly InMemoryCertificateFileSystem _files = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    private CertificateLoader Loader => new(_files, _time);

    [Fact]
    public void Load_Directory_FilesInNameOrderSkippingSideFiles()
    {
        // The fake lists files in reverse insertion order, so the name order must come from the loader.
        _files.Add("/certs/10-b.pem", TlsTestCertificates.B.ToPem())
            .Add("/certs/02-a.pem", TlsTestCertificates.A.ToPem(TestKeyFormat.Pkcs8, PemPart.Leaf))
            .Add("/certs/02-a.pem.key", TlsTestCertificates.A.KeyPem())
            .Add("/certs/02-a.pem.ocsp", "binary ocsp response")
            .Add("/certs/02-a.pem.issuer", "not a pem")
            .Add("/certs/02-a.pem.sctl", "not a pem")
            .Add("/certs/30-wild.pem", TlsTestCertificates.Wildcard.ToPem());

        var result = Loader.Load(["/certs"]);

        Assert.Empty(result.Problems);
        Assert.True(result.Succeeded);
        Assert.Equal(["/certs/02-a.pem", "/certs/10-b.pem", "/certs/30-wild.pem"], result.Certificates.Select(c => c.Path));
    }

    [Fact]
    public void Load_SeveralPaths_BindLineOrder()
    {
        _files.Add("/c/z.pem", TlsTestCertificates.B.ToPem()).Add("/c/a.pem", TlsTestCertificates.A.ToPem());

        var result = Loader.Load(["/c/z.pem", "/c/a.pem"]);

        Assert.Equal(["/c/z.pem", "/c/a.pem"], result.Certificates.Select(c => c.Path));
    }

    [Fact]
    public void Load_PemWithoutKey_KeyFromSideFile()
    {
        _files.Add("/c/site.pem", TlsTestCertificates.A.ToPem(TestKeyFormat.Pkcs8, PemPart.Leaf, PemPart.Intermediates))
            .Add("/c/site.pem.key", TlsTestCertificates.A.KeyPem(TestKeyFormat.Traditional));

        var certificate = Assert.Single(Loader.Load(["/c/site.pem"]).Certificates);

        Assert.True(certificate.Certificate.HasPrivateKey);
        Assert.Single(certificate.Chain);
    }

    [Fact]
    public void Load_MissingFile_Error() => AssertErrors(Loader.Load(["/c/none.pem"]), ("/c/none.pem", "no such file or directory"));

    [Fact]
    public void Load_UnreadableFile_Error()
    {
        _files.Add("/c/site.pem", TlsTestCertificates.A.ToPem());
        _files.MakeUnreadable("/c/site.pem");

        AssertErrors(Loader.Load(["/c/site.pem"]), ("/c/site.pem", "cannot read it: Access to the path '/c/site.pem' is denied."));
    }

    [Fact]
    public void Load_UnreadableKeyFile_ErrorNamesBoth()
    {
        _files.Add("/c/site.pem", TlsTestCertificates.A.CertificatePem).Add("/c/site.pem.key", TlsTestCertificates.A.KeyPem());
        _files.MakeUnreadable("/c/site.pem.key");

        AssertErrors(Loader.Load(["/c/site.pem"]), ("/c/site.pem", "/c/site.pem.key: cannot read it: Access to the path '/c/site.pem.key' is denied."));
    }

    [Fact]
    public void Load_DirectoryWithOnlySideFiles_EmptyDirectoryError()
    {
        _files.Add("/certs/site.pem.key", TlsTestCertificates.A.KeyPem());

        AssertErrors(Loader.Load(["/certs"]), ("/certs", "the directory holds no certificate file"));
    }

    [Fact]
    public void Load_DirectoryWithOneBadFile_ErrorForThatFileOthersLoaded()
    {
        _files.Add("/certs/a.pem", TlsTestCertificates.A.ToPem()).Add("/certs/b.pem", TlsTestCertificates.B.CertificatePem);

        var result = Loader.Load(["/certs"]);

        AssertErrors(result, ("/certs/b.pem", "no private key found in the file, nor in '/certs/b.pem.key'"));
        Assert.Equal(["/certs/a.pem"], result.Certificates.Select(c => c.Path));
        Assert.False(result.Succeeded);
    }

    [Fact]
    public void Load_ExpiredCertificate_WarningAndSucceeds()
    {
        _files.Add("/c/site.pem", TlsTestCertificates.A.ToPem());
        _time.Advance(TimeSpan.FromDays(400));

        var result = Loader.Load(["/c/site.pem"]);

        Assert.True(result.Succeeded);
        Assert.False(Assert.Single(result.Problems).IsError);
    }

    [Fact]
    public void HasChanged_UntouchedFiles_False()
    {
        _files.Add("/c/site.pem", TlsTestCertificates.A.ToPem());
        var result = Loader.Load(["/c/site.pem"]);
        var reads = _files.Reads;

        Assert.DoesNotContain(result.Stamps, Loader.HasChanged);
        Assert.Equal(reads, _files.Reads);
    }

    [Fact]
    public void HasChanged_NewTimeSameContent_False()
    {
        _files.Add("/c/site.pem", TlsTestCertificates.A.ToPem());
        var result = Loader.Load(["/c/site.pem"]);
        _files.Touch("/c/site.pem", DateTimeOffset.UtcNow);

        Assert.DoesNotContain(result.Stamps, Loader.HasChanged);
    }

    [Fact]
    public void HasChanged_NewContent_True()
    {
        _files.Add("/c/site.pem", TlsTestCertificates.A.ToPem());
        var result = Loader.Load(["/c/site.pem"]);
        _files.Add("/c/site.pem", TlsTestCertificates.B.ToPem(), DateTimeOffset.UtcNow);

        Assert.Contains(result.Stamps, Loader.HasChanged);
    }

    [Fact]
    public void HasChanged_KeyFileAppears_True()
    {
        _files.Add("/c/site.pem", TlsTestCertificates.A.CertificatePem);
        var result = Loader.Load(["/c/site.pem"]);
        _files.Add("/c/site.pem.key", TlsTestCertificates.A.KeyPem());

        Assert.Contains(result.Stamps, Loader.HasChanged);
    }

    [Fact]
    public void HasChanged_FileAddedToDirectory_True()
    {
        _files.Add("/certs/a.pem", TlsTestCertificates.A.ToPem());
        var result = Loader.Load(["/certs"]);
        _files.Add("/certs/b.pem", TlsTestCertificates.B.ToPem());

        Assert.Contains(result.Stamps, Loader.HasChanged);
    }

    [Fact]
    public void LoadCaFile_Certificates_AllLoaded()
    {
        _files.Add("/c/ca.pem", TlsTestCertificates.Intermediate.CertificatePem + TlsTestCertificates.Root.CertificatePem);

        var authorities = Loader.LoadCaFile("/c/ca.pem", out var error);

        Assert.Null(error);
        Assert.Equal(2, authorities!.Count);
    }

    [Fact]
    public void LoadCaFile_NoCertificate_Error()
    {
        _files.Add("/c/ca.pem", TlsTestCertificates.A.KeyPem());

        Assert.Null(Loader.LoadCaFile("/c/ca.pem", out var error));
        Assert.Equal("no CA certificate found in the file", error);
    }

    private static void AssertErrors(CertificateLoadResult result, params (string Path, string Message)[] expected) =>
        Assert.Equal(expected.Select(e => new CertificateProblem(e.Path, e.Message, IsError: true)), result.Problems);
}
