using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>The global <c>ssl-default-bind-*</c> lines as defaults of every ssl bind.</summary>
public class TlsDefaultsTests
{
    private readonly TlsConfigTestHelper _helper = new();

    [Fact]
    public void LoadText_DefaultBindOptions_AppliedToEverySslBind()
    {
        var tls = _helper.Tls("ssl crt /certs/site.pem", "    ssl-default-bind-options ssl-min-ver TLSv1.3 no-tls-tickets prefer-client-ciphers\n")!;

        Assert.Equal([TlsVersion.Tls13], tls.Versions);
        Assert.True(tls.NoTlsTickets);
    }

    [Fact]
    public void LoadText_BindMinVersion_OverridesDefault() => Assert.Equal(
        [TlsVersion.Tls12, TlsVersion.Tls13],
        _helper.Tls("ssl crt /certs/site.pem ssl-min-ver TLSv1.2", "    ssl-default-bind-options ssl-min-ver TLSv1.3\n")!.Versions);

    [Fact]
    public void LoadText_DefaultNoFlagsAndBindNoFlags_AddUp() => Assert.Equal(
        [TlsVersion.Tls11],
        _helper.Tls("ssl crt /certs/site.pem ssl-max-ver TLSv1.1", "    ssl-default-bind-options ssl-min-ver TLSv1.1\n")!.Versions);

    [Fact]
    public void LoadText_SeveralDefaultLines_AddUp()
    {
        var tls = _helper.Tls("ssl crt /certs/site.pem", "    ssl-default-bind-options no-tls-tickets\n    ssl-default-bind-options no-tlsv13\n")!;

        Assert.Equal([TlsVersion.Tls12], tls.Versions);
        Assert.True(tls.NoTlsTickets);
    }

    [Fact]
    public void LoadText_DefaultCiphers_UsedUnlessBindHasItsOwn()
    {
        const string global = "    ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256\n    ssl-default-bind-ciphersuites TLS_AES_128_GCM_SHA256\n";

        var inherited = _helper.Tls("ssl crt /certs/site.pem", global)!;
        var own = _helper.Tls("ssl crt /certs/site.pem ciphers ECDHE-ECDSA-AES256-GCM-SHA384 ciphersuites TLS_AES_256_GCM_SHA384", global)!;

        Assert.Equal(("ECDHE-ECDSA-AES128-GCM-SHA256", "TLS_AES_128_GCM_SHA256"), (inherited.Ciphers, inherited.CipherSuites));
        Assert.Equal(("ECDHE-ECDSA-AES256-GCM-SHA384", "TLS_AES_256_GCM_SHA384"), (own.Ciphers, own.CipherSuites));
    }

    [Fact]
    public void LoadText_DefaultsWithoutSslBind_NoEffect() =>
        Assert.Null(_helper.Tls("", "    ssl-default-bind-options ssl-min-ver TLSv1.3\n"));

    [Fact]
    public void LoadText_UnknownDefaultOption_ErrorWithHint() => Assert.Equal(
        // haproxy -c: "unknown option 'no-tlsv1.3' on global statement 'ssl-default-bind-options'".
        ["t.cfg:2: error: unknown option 'no-tlsv1.3' in 'ssl-default-bind-options'; expects 'ssl-min-ver', 'ssl-max-ver', 'no-sslv3', 'no-tlsv10', 'no-tlsv11', 'no-tlsv12', 'no-tlsv13', 'force-sslv3', 'force-tlsv10', 'force-tlsv11', 'force-tlsv12', 'force-tlsv13', 'no-tls-tickets' or 'prefer-client-ciphers'; did you mean 'no-tlsv13'?"],
        _helper.Diagnostics(TlsConfigTestHelper.Frontend("", "    ssl-default-bind-options no-tlsv1.3\n")));

    [Fact]
    public void LoadText_DefaultVersionMissingOrBad_Errors() => Assert.Equal(
        [
            "t.cfg:2: error: 'ssl-min-ver' in 'ssl-default-bind-options' expects one of 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2' or 'TLSv1.3' (got 'TLS1.2'); did you mean 'TLSv1.2'?",
            "t.cfg:3: error: 'ssl-max-ver' in 'ssl-default-bind-options' expects a version (got nothing)",
        ],
        _helper.Diagnostics(TlsConfigTestHelper.Frontend("", "    ssl-default-bind-options ssl-min-ver TLS1.2\n    ssl-default-bind-options ssl-max-ver\n")));

    [Fact]
    public void LoadText_CrtBaseWithoutArgument_Error() => Assert.Equal(
        ["t.cfg:2: error: 'crt-base' in global section expects a directory (got nothing)"],
        _helper.Diagnostics(TlsConfigTestHelper.Frontend("", "    crt-base\n")));
}
