using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Tls;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>Certificate reload with real files: new handshakes get the new certificate, established connections carry on.</summary>
public sealed class TlsReloadTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Reload_ReplacedPem_NewHandshakesGetItEstablishedConnectionContinues()
    {
        var path = _directory.Write("site.pem", TlsTestCertificates.A.ToPem());
        var provider = TlsServerOptionsProvider.Create(new BindTlsConfig { Certificates = [path] });
        await using var server = new TlsEchoServer(provider);
        await using var before = await TlsTestClient.ConnectAsync(server.Port, "a.test");
        var renewed = TestCertificates.CreateLeaf(TlsTestCertificates.Intermediate, ["a.test"]);

        Replace(path, renewed.ToPem());
        var result = provider.Store.ReloadIfChanged();
        await using var after = await TlsTestClient.ConnectAsync(server.Port, "a.test");

        Assert.Equal(TlsReloadOutcome.Reloaded, result.Outcome);
        Assert.Empty(result.Problems);
        Assert.Equal(TlsTestCertificates.A.Certificate.Thumbprint, before.ServerCertificate.Thumbprint);
        Assert.Equal(renewed.Certificate.Thumbprint, after.ServerCertificate.Thumbprint);
        Assert.Equal("still here", await before.EchoAsync("still here"));
        Assert.Equal("new", await after.EchoAsync("new"));
    }

    [Fact]
    public async Task Reload_BadNewPem_OldCertificateKeptAndErrorReported()
    {
        var path = _directory.Write("site.pem", TlsTestCertificates.A.ToPem());
        var provider = TlsServerOptionsProvider.Create(new BindTlsConfig { Certificates = [path] });
        await using var server = new TlsEchoServer(provider);

        Replace(path, TlsTestCertificates.A.CertificatePem);
        var result = provider.Store.ReloadIfChanged();
        await using var client = await TlsTestClient.ConnectAsync(server.Port, "a.test");

        Assert.Equal(TlsReloadOutcome.Failed, result.Outcome);
        Assert.Equal([new CertificateProblem(path, $"no private key found in the file, nor in '{path}.key'", IsError: true)], result.Problems);
        Assert.Equal(TlsTestCertificates.A.Certificate.Thumbprint, client.ServerCertificate.Thumbprint);
    }

    [Fact]
    public void ReloadIfChanged_NothingChanged_Unchanged()
    {
        var path = _directory.Write("site.pem", TlsTestCertificates.A.ToPem());
        var store = TlsCertificateStore.Load([path]);
        var selector = store.Selector;

        Assert.False(store.HaveFilesChanged());
        Assert.Equal(TlsReloadOutcome.Unchanged, store.ReloadIfChanged().Outcome);
        Assert.Same(selector, store.Selector);
    }

    [Fact]
    public void ReloadIfChanged_TouchedButSameContent_Unchanged()
    {
        var path = _directory.Write("site.pem", TlsTestCertificates.A.ToPem());
        var store = TlsCertificateStore.Load([path]);

        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(5));

        Assert.False(store.HaveFilesChanged());
    }

    [Fact]
    public void ReloadIfChanged_CertificateAddedToDirectory_NewNameServed()
    {
        _directory.Write("certs/a.pem", TlsTestCertificates.A.ToPem());
        var store = TlsCertificateStore.Load([Path.Combine(_directory.Path, "certs")]);

        _directory.Write("certs/b.pem", TlsTestCertificates.B.ToPem());
        var result = store.ReloadIfChanged();

        Assert.Equal(TlsReloadOutcome.Reloaded, result.Outcome);
        Assert.Equal(TlsTestCertificates.B.Certificate.Thumbprint, store.Selector.Select("b.test", strictSni: true)!.Certificate.Thumbprint);
    }

    [Fact]
    public void Reload_Unconditional_NewSelectorEvenWhenUnchanged()
    {
        var path = _directory.Write("site.pem", TlsTestCertificates.A.ToPem());
        var store = TlsCertificateStore.Load([path]);
        var selector = store.Selector;

        Assert.Equal(TlsReloadOutcome.Reloaded, store.Reload().Outcome);
        Assert.NotSame(selector, store.Selector);
    }

    [Fact]
    public void Load_BadFile_ThrowsWithProblems()
    {
        var path = _directory.Write("site.pem", "");

        var error = Assert.Throws<TlsCertificateException>(() => TlsCertificateStore.Load([path]));

        Assert.Equal($"cannot load certificate '{path}': no certificate found in the file", error.Message);
        Assert.Single(error.Problems);
    }

    [Fact]
    public void Create_MissingCaFile_Throws()
    {
        var path = _directory.Write("site.pem", TlsTestCertificates.A.ToPem());
        var config = new BindTlsConfig { Certificates = [path], Verify = ClientCertificateMode.Required, CaFile = path + ".ca" };

        var error = Assert.Throws<TlsCertificateException>(() => TlsServerOptionsProvider.Create(config));

        Assert.Equal($"cannot load ca-file '{path}.ca': no such file or directory", error.Message);
    }

    /// <summary>Writes then moves the new file in, as certbot's deploy hooks and atomic writers do.</summary>
    private static void Replace(string path, string text)
    {
        var temporary = path + ".new";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
