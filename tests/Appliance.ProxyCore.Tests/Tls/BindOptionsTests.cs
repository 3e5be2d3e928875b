using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>
/// Bind options through the whole loader. Wording differs from haproxy -c (2.6.12) on purpose; where HAProxy agrees on
/// the verdict it is noted.
/// </summary>
public class BindOptionsTests
{
    private readonly TlsConfigTestHelper _helper = new();

    private void AssertDiagnostics(string options, params string[] expected) =>
        Assert.Equal(expected, _helper.Diagnostics(TlsConfigTestHelper.Frontend(options)));

    [Fact]
    public void LoadText_SslCrt_ModernDefaults()
    {
        var tls = _helper.Tls("ssl crt /certs/site.pem")!;

        Assert.Equal(["/certs/site.pem"], tls.Certificates);
        Assert.Equal([TlsVersion.Tls12, TlsVersion.Tls13], tls.Versions);
        Assert.Empty(tls.Alpn);
        Assert.Equal((null, null, false, false, ClientCertificateMode.None, null), (tls.Ciphers, tls.CipherSuites, tls.StrictSni, tls.NoTlsTickets, tls.Verify, tls.CaFile));
    }

    [Fact]
    public void LoadText_HttpModeWithoutAlpn_OffersHttp11() =>
        Assert.Equal(["http/1.1"], _helper.Tls("ssl crt /certs/site.pem", mode: "http")!.Alpn);

    [Fact]
    public void LoadText_Alpn_KeptInOrder() =>
        Assert.Equal(["h2", "http/1.1"], _helper.Tls("ssl crt /certs/site.pem alpn h2,http/1.1", mode: "http")!.Alpn);

    [Fact]
    public void LoadText_EveryTlsOption_Parsed()
    {
        var tls = _helper.Tls("ssl crt /certs/site.pem crt /certs/b.pem strict-sni no-tls-tickets ciphers ECDHE-RSA-AES128-GCM-SHA256 "
            + "ciphersuites TLS_AES_128_GCM_SHA256 verify optional ca-file /certs/ca.pem")!;

        Assert.Equal(["/certs/site.pem", "/certs/b.pem"], tls.Certificates);
        Assert.Equal(
            ("ECDHE-RSA-AES128-GCM-SHA256", "TLS_AES_128_GCM_SHA256", true, true, ClientCertificateMode.Optional, "/certs/ca.pem"),
            (tls.Ciphers, tls.CipherSuites, tls.StrictSni, tls.NoTlsTickets, tls.Verify, tls.CaFile));
    }

    [Fact]
    public void LoadText_BindWithoutSsl_NoTlsAndOtherOptionsAccepted() =>
        Assert.Null(_helper.Tls("accept-proxy transparent defer-accept v4v6 name web id 5 process 1 maxconn 100 backlog 10 tfo interface lo mss 1400 npn http/1.1 curves X25519 ecdhe prime256v1 allow-0rtt"));

    [Fact]
    public void LoadText_CrtBase_AppliedToRelativePathsOnly()
    {
        _helper.Files.Add("/etc/tls/site.pem", TlsTestCertificates.A.ToPem()).Add("/etc/ca/clients.pem", TlsTestCertificates.Root.CertificatePem);

        var tls = _helper.Tls("ssl crt site.pem crt /certs/b.pem verify required ca-file clients.pem", "    crt-base /etc/tls\n    ca-base /etc/ca\n")!;

        Assert.Equal(["/etc/tls/site.pem", "/certs/b.pem"], tls.Certificates);
        Assert.Equal("/etc/ca/clients.pem", tls.CaFile);
    }

    [Theory]
    [InlineData("", new[] { TlsVersion.Tls12, TlsVersion.Tls13 })]
    [InlineData("ssl-min-ver TLSv1.3", new[] { TlsVersion.Tls13 })]
    [InlineData("ssl-max-ver TLSv1.2", new[] { TlsVersion.Tls12 })]
    [InlineData("ssl-min-ver TLSv1.0", new[] { TlsVersion.Tls10, TlsVersion.Tls11, TlsVersion.Tls12, TlsVersion.Tls13 })]
    [InlineData("ssl-min-ver TLSv1.1 ssl-max-ver TLSv1.2", new[] { TlsVersion.Tls11, TlsVersion.Tls12 })]
    [InlineData("no-tlsv13", new[] { TlsVersion.Tls12 })]
    [InlineData("no-tlsv12", new[] { TlsVersion.Tls13 })]
    [InlineData("no-sslv3 no-tlsv10 no-tlsv11", new[] { TlsVersion.Tls12, TlsVersion.Tls13 })]
    [InlineData("force-tlsv12", new[] { TlsVersion.Tls12 })]
    [InlineData("force-tlsv13", new[] { TlsVersion.Tls13 })]
    [InlineData("force-tlsv11", new[] { TlsVersion.Tls11 })]
    public void LoadText_VersionOptions_OfferedVersions(string options, TlsVersion[] expected) =>
        Assert.Equal(expected, _helper.Tls($"ssl crt /certs/site.pem {options}")!.Versions);

    [Fact]
    public void LoadText_MisspeltOption_ErrorWithHint() => AssertDiagnostics(
        "sll crt /certs/site.pem",
        "t.cfg:3: error: unknown bind option 'sll' in frontend 'f'; did you mean 'ssl'?",
        "t.cfg:3: error: 'bind' in frontend 'f' has 'crt' but not 'ssl'; add 'ssl' to terminate TLS on this address, or remove 'crt'");

    [Fact]
    public void LoadText_UnknownOptionFarFromAll_ErrorWithoutHint() => AssertDiagnostics(
        "frobnicate",
        "t.cfg:3: error: unknown bind option 'frobnicate' in frontend 'f'");

    [Fact]
    public void LoadText_OptionWithoutValue_Error() => AssertDiagnostics(
        "ssl crt",
        "t.cfg:3: error: bind option 'crt' in frontend 'f' expects a value (got nothing)",
        "t.cfg:3: error: 'bind' in frontend 'f' has 'ssl' but no 'crt'; name a certificate file or directory with 'crt PATH'");

    [Fact]
    public void LoadText_SslWithoutCrt_Error() => AssertDiagnostics(
        "ssl alpn h2",
        "t.cfg:3: error: 'bind' in frontend 'f' has 'ssl' but no 'crt'; name a certificate file or directory with 'crt PATH'");

    [Fact]
    public void LoadText_CrtWithoutSsl_Error() => AssertDiagnostics(
        "crt /certs/site.pem",
        "t.cfg:3: error: 'bind' in frontend 'f' has 'crt' but not 'ssl'; add 'ssl' to terminate TLS on this address, or remove 'crt'");

    [Fact]
    public void LoadText_UnknownVersion_ErrorWithHint() => AssertDiagnostics(
        "ssl crt /certs/site.pem ssl-min-ver TLSv13",
        "t.cfg:3: error: 'ssl-min-ver' in frontend 'f' expects one of 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2' or 'TLSv1.3' (got 'TLSv13'); did you mean 'TLSv1.3'?");

    [Fact]
    public void LoadText_VersionInLowerCase_ErrorWithHint() => AssertDiagnostics(
        "ssl crt /certs/site.pem ssl-max-ver tlsv1.2",
        "t.cfg:3: error: 'ssl-max-ver' in frontend 'f' expects one of 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2' or 'TLSv1.3' (got 'tlsv1.2'); did you mean 'TLSv1.2'?");

    [Fact]
    public void LoadText_MinAboveMax_AllVersionsDisabledError() => AssertDiagnostics(
        // haproxy -c: "all SSL/TLS versions are disabled for bind".
        "ssl crt /certs/site.pem ssl-min-ver TLSv1.3 ssl-max-ver TLSv1.2",
        "t.cfg:3: error: 'bind' in frontend 'f' disables every TLS version; check 'ssl-min-ver', 'ssl-max-ver', 'no-tlsv*', 'force-tlsv*' and 'ssl-default-bind-options'");

    [Fact]
    public void LoadText_NoFlagsWithMinVersion_FlagsIgnoredWarning()
    {
        var text = TlsConfigTestHelper.Frontend("ssl crt /certs/site.pem no-tlsv12 ssl-min-ver TLSv1.2");

        // haproxy -c: "no-sslv3/no-tlsv1x are ignored for bind ... Use only 'ssl-min-ver' and 'ssl-max-ver' to fix."
        Assert.Equal(
            ["t.cfg:3: warning: 'bind' in frontend 'f': 'no-sslv3'/'no-tlsv1x' are ignored when 'ssl-min-ver' or 'ssl-max-ver' is set (here or in 'ssl-default-bind-options'); use only 'ssl-min-ver' and 'ssl-max-ver'"],
            _helper.Diagnostics(text));
        Assert.Equal([TlsVersion.Tls12, TlsVersion.Tls13], _helper.Load(text).Config!.Proxies[0].Binds[0].Tls!.Versions);
    }

    [Fact]
    public void LoadText_MinSslv3_WarningAndTls10Upwards()
    {
        var text = TlsConfigTestHelper.Frontend("ssl crt /certs/site.pem ssl-min-ver SSLv3");

        Assert.Equal(["t.cfg:3: warning: 'bind' in frontend 'f': SSLv3 is not supported and never offered; the lowest version offered is TLSv1.0"], _helper.Diagnostics(text));
        Assert.Equal(TlsVersion.Tls10, _helper.Load(text).Config!.Proxies[0].Binds[0].Tls!.Versions[0]);
    }

    [Fact]
    public void LoadText_ForceSslv3_AllVersionsDisabledError() => AssertDiagnostics(
        "ssl crt /certs/site.pem force-sslv3",
        "t.cfg:3: warning: 'bind' in frontend 'f': SSLv3 is not supported and never offered; the lowest version offered is TLSv1.0",
        "t.cfg:3: error: 'bind' in frontend 'f' disables every TLS version; check 'ssl-min-ver', 'ssl-max-ver', 'no-tlsv*', 'force-tlsv*' and 'ssl-default-bind-options'");

    [Theory]
    [InlineData(",h2")]
    [InlineData("h2,,http/1.1")]
    [InlineData("h2,")]
    public void LoadText_EmptyAlpnName_Error(string alpn) => AssertDiagnostics(
        $"ssl crt /certs/site.pem alpn {alpn}",
        $"t.cfg:3: error: 'alpn' in frontend 'f' expects comma-separated protocol names such as 'h2,http/1.1' (got '{alpn}')");

    [Fact]
    public void LoadText_BadVerify_Error() => AssertDiagnostics(
        "ssl crt /certs/site.pem verify always",
        "t.cfg:3: error: 'verify' in frontend 'f' expects one of 'none', 'optional' or 'required' (got 'always')");

    [Fact]
    public void LoadText_VerifyWithoutCaFile_Error() => AssertDiagnostics(
        // haproxy -c: "verify is enabled but no CA file specified for bind".
        "ssl crt /certs/site.pem verify required",
        "t.cfg:3: error: 'bind' in frontend 'f' has 'verify optional|required' but no 'ca-file'; name the CAs that sign client certificates");

    [Fact]
    public void LoadText_CrtList_UnsupportedError() => AssertDiagnostics(
        "ssl crt /certs/site.pem crt-list /certs/list.txt",
        "t.cfg:3: error: bind option 'crt-list' in frontend 'f' is not supported: use 'crt FILE' or 'crt DIRECTORY' (one certificate per file; names come from the certificates)");

    [Fact]
    public void LoadText_GenerateCertificates_UnsupportedError() => AssertDiagnostics(
        "ssl crt /certs/site.pem generate-certificates",
        "t.cfg:3: error: bind option 'generate-certificates' in frontend 'f' is not supported: certificates are not generated on the fly; list them with 'crt'");

    [Fact]
    public void LoadText_BindLineWithTwoAddresses_ProblemReportedOnce() => Assert.Equal(
        ["t.cfg:2: error: unknown bind option 'sslx' in frontend 'f'; did you mean 'ssl'?"],
        _helper.Diagnostics("frontend f\n    bind :443,:8443 sslx\n    timeout client 1s\n"));

    [Fact]
    public void LoadText_BindLineWithTwoAddresses_BothTerminateTls()
    {
        var binds = _helper.Load("frontend f\n    bind :443,:8443 ssl crt /certs/site.pem\n    timeout client 1s\n").Config!.Proxies[0].Binds;

        Assert.All(binds, b => Assert.Equal(["/certs/site.pem"], b.Tls!.Certificates));
    }
}
