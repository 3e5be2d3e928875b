using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>Certificates opened at check time, like <c>haproxy -c</c>: a bad file is an error naming it.</summary>
public class TlsValidatorTests
{
    private readonly TlsConfigTestHelper _helper = new();

    private void AssertDiagnostics(string options, params string[] expected) =>
        Assert.Equal(expected, _helper.Diagnostics(TlsConfigTestHelper.Frontend(options)));

    [Fact]
    public void LoadText_GoodCertificateInTcpMode_NoDiagnostic() => AssertDiagnostics("ssl crt /certs/site.pem crt /certs/b.pem");

    [Fact]
    public void LoadText_MissingCertificate_ErrorNamingTheFile() => AssertDiagnostics(
        "ssl crt /certs/none.pem",
        "t.cfg:3: error: 'bind' in frontend 'f': cannot load certificate '/certs/none.pem': no such file or directory");

    [Fact]
    public void LoadText_CertificateWithoutKey_ErrorNamingTheFile()
    {
        // haproxy -c: "No Private Key found in '/certs/nokey.pem.key'".
        _helper.Files.Add("/certs/nokey.pem", TlsTestCertificates.A.CertificatePem);

        AssertDiagnostics(
            "ssl crt /certs/nokey.pem",
            "t.cfg:3: error: 'bind' in frontend 'f': cannot load certificate '/certs/nokey.pem': no private key found in the file, nor in '/certs/nokey.pem.key'");
    }

    [Fact]
    public void LoadText_BadFileInDirectory_ErrorNamingThatFile()
    {
        _helper.Files.Add("/etc/tls/a.pem", TlsTestCertificates.A.ToPem()).Add("/etc/tls/b.pem", TlsTestCertificates.A.KeyPem());

        AssertDiagnostics(
            "ssl crt /etc/tls",
            "t.cfg:3: error: 'bind' in frontend 'f': cannot load certificate '/etc/tls/b.pem': no certificate found in the file");
    }

    [Fact]
    public void LoadText_ExpiredCertificate_Warning()
    {
        var notAfter = TlsTestCertificates.A.Certificate.NotAfter.ToUniversalTime();
        _helper.Time.Advance(TimeSpan.FromDays(60));

        AssertDiagnostics(
            "ssl crt /certs/site.pem",
            $"t.cfg:3: warning: 'bind' in frontend 'f': certificate '/certs/site.pem': 'CN=a.test' expired on {notAfter:yyyy-MM-dd HH:mm:ss}Z; clients will refuse it");
    }

    [Fact]
    public void LoadText_SameFileOnSeveralBinds_ReadOnce()
    {
        _helper.Load("frontend f\n    bind :443,:8443 ssl crt /certs/site.pem\n    bind :9443 ssl crt /certs/site.pem\n    timeout client 1s\n");

        // The PEM; its absent side file is not read.
        Assert.Equal(1, _helper.Files.Reads);
    }

    [Fact]
    public void LoadText_BadCertificateOnTwoAddressLine_ReportedOnce() => Assert.Equal(
        ["t.cfg:2: error: 'bind' in frontend 'f': cannot load certificate '/certs/none.pem': no such file or directory"],
        _helper.Diagnostics("frontend f\n    bind :443,:8443 ssl crt /certs/none.pem\n    timeout client 1s\n"));

    [Fact]
    public void LoadText_ListenSection_CertificatesChecked() => Assert.Equal(
        ["t.cfg:2: error: 'bind' in listen 'l': cannot load certificate '/certs/none.pem': no such file or directory"],
        _helper.Diagnostics("listen l\n    bind :443 ssl crt /certs/none.pem\n    timeout client 1s\n"));

    [Fact]
    public void LoadText_MissingCaFile_Error() => AssertDiagnostics(
        "ssl crt /certs/site.pem verify required ca-file /certs/none-ca.pem",
        "t.cfg:3: error: 'bind' in frontend 'f': cannot load ca-file '/certs/none-ca.pem': no such file or directory");

    [Fact]
    public void LoadText_CaFileWithoutVerify_NotOpened() => AssertDiagnostics("ssl crt /certs/site.pem ca-file /certs/none-ca.pem");

    [Fact]
    public void LoadText_ExplicitCipherNames_NoWarning() => AssertDiagnostics(
        "ssl crt /certs/site.pem ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:!aNULL:!MD5 ciphersuites TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256");

    [Fact]
    public void LoadText_CipherCategory_IgnoredWarning() => AssertDiagnostics(
        "ssl crt /certs/site.pem ciphers HIGH:!aNULL",
        "t.cfg:3: warning: 'ciphers' in frontend 'f' is ignored: 'HIGH' is not an explicit TLS 1.2 cipher name this platform can apply (expects names such as 'ECDHE-RSA-AES128-GCM-SHA256'; categories such as 'HIGH' cannot be applied); the platform's default cipher suites are used");

    [Fact]
    public void LoadText_Tls12NameInCipherSuites_IgnoredWarning() => AssertDiagnostics(
        "ssl crt /certs/site.pem ciphersuites ECDHE-RSA-AES128-GCM-SHA256",
        "t.cfg:3: warning: 'ciphersuites' in frontend 'f' is ignored: 'ECDHE-RSA-AES128-GCM-SHA256' is not a TLS 1.3 cipher suite name (expects names such as 'TLS_AES_128_GCM_SHA256'); the platform's default cipher suites are used");

    [Fact]
    public void LoadText_GlobalCipherCategory_WarnedAtTheSslBind() => Assert.Equal(
        [
            "t.cfg:5: warning: 'ciphers' in frontend 'f' is ignored: 'kEECDH+AESGCM' is not an explicit TLS 1.2 cipher name this platform can apply (expects names such as 'ECDHE-RSA-AES128-GCM-SHA256'; categories such as 'HIGH' cannot be applied); the platform's default cipher suites are used",
        ],
        _helper.Diagnostics(TlsConfigTestHelper.Frontend("ssl crt /certs/site.pem", "    ssl-default-bind-ciphers kEECDH+AESGCM\n")));

    [Fact]
    public void LoadText_RealFiles_LoadedFromDisk()
    {
        using var directory = new TempDirectory();
        var path = directory.Write("site.pem", TlsTestCertificates.A.ToPem());

        var result = Configuration.ConfigTestHelper.Load(TlsConfigTestHelper.Frontend($"ssl crt {path} crt {directory.Path}/missing.pem"));

        Assert.Equal(
            [$"t.cfg:3: error: 'bind' in frontend 'f': cannot load certificate '{directory.Path}/missing.pem': no such file or directory"],
            result.Diagnostics.Select(d => d.ToString()));
    }
}
