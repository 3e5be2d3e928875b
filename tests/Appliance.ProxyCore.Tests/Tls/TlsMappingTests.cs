using System.Net.Security;
using System.Security.Authentication;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Tls;

namespace Appliance.ProxyCore.Tests.Tls;

public class TlsMappingTests
{
    [Fact]
    public void ToSslProtocols_DefaultVersions_Tls12AndTls13() =>
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, TlsProtocolMapper.ToSslProtocols(BindTlsConfig.DefaultVersions));

    [Fact]
    public void ToSslProtocols_AllVersions_Ssl3Dropped()
    {
#pragma warning disable SYSLIB0039, CA5397 // The mapping of the old versions is what is tested.
        Assert.Equal(
            SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12 | SslProtocols.Tls13,
            TlsProtocolMapper.ToSslProtocols(Enum.GetValues<TlsVersion>()));
#pragma warning restore SYSLIB0039, CA5397
    }

    [Fact]
    public void ToSslProtocols_Tls13Only_Tls13() => Assert.Equal(SslProtocols.Tls13, TlsProtocolMapper.ToSslProtocols([TlsVersion.Tls13]));

    [Fact]
    public void MapCiphers_ExplicitNamesAndHarmlessExclusions_SuitesInOrder()
    {
        var suites = CipherSuiteMapper.MapCiphers("ECDHE-RSA-AES256-GCM-SHA384:!aNULL:ECDHE-ECDSA-CHACHA20-POLY1305:-MD5:TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", out var problem);

        Assert.Null(problem);
        Assert.Equal(
            [TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256],
            suites);
    }

    [Theory]
    [InlineData("HIGH:!aNULL", "HIGH")]
    [InlineData("ECDHE-RSA-AES128-GCM-SHA256:!SHA1", "!SHA1")]
    [InlineData("ECDHE-RSA-AES128-GCM-SHA256:@STRENGTH", "@STRENGTH")]
    [InlineData("TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256")]
    public void MapCiphers_NotApplicable_NullWithTheWord(string list, string word)
    {
        Assert.Null(CipherSuiteMapper.MapCiphers(list, out var problem));
        Assert.Equal(ConfigMessages.CipherNotApplicable(word, tls13: false), problem);
    }

    [Fact]
    public void MapCiphers_OnlyExclusions_EmptyListProblem()
    {
        Assert.Null(CipherSuiteMapper.MapCiphers("!aNULL:!MD5", out var problem));
        Assert.Equal("the list names no cipher", problem);
    }

    [Fact]
    public void MapCipherSuites_Tls13Names_Suites() => Assert.Equal(
        [TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_AES_128_GCM_SHA256],
        CipherSuiteMapper.MapCipherSuites("TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256", out _));

    [Fact]
    public void MapCipherSuites_Tls12Name_NullWithTheWord()
    {
        Assert.Null(CipherSuiteMapper.MapCipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", out var problem));
        Assert.Equal(ConfigMessages.CipherNotApplicable("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", tls13: true), problem);
    }

    [CipherPolicyFact]
    public void CreatePolicy_NothingApplicable_NoPolicy()
    {
        Assert.Null(CipherSuiteMapper.CreatePolicy(null, null));
        Assert.Null(CipherSuiteMapper.CreatePolicy("HIGH", "nonsense"));
    }

    [CipherPolicyFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void CreatePolicy_Tls12Only_Tls13DefaultsAdded()
    {
        var policy = CipherSuiteMapper.CreatePolicy("ECDHE-RSA-AES128-GCM-SHA256", null)!;

        Assert.Equal(
            [TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256, TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256],
            policy.AllowedCipherSuites);
    }

    [CipherPolicyFact]
    public void CreatePolicy_Tls13OnlyWithOpenSslDefaultList_NoPolicy()
    {
        // Nothing to change: without a policy .NET caches the OpenSSL context and resumes sessions.
        Assert.Null(CipherSuiteMapper.CreatePolicy(null, "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256", SslProtocols.Tls13));
        Assert.Null(CipherSuiteMapper.CreatePolicy("ECDHE-RSA-AES128-GCM-SHA256", null, SslProtocols.Tls13));
    }

    [CipherPolicyFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void CreatePolicy_Tls13OnlyWithOtherOrderOrSubset_Policy()
    {
        // The order is the server's preference, so another order changes what is negotiated.
        Assert.Equal(
            [TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256],
            CipherSuiteMapper.CreatePolicy(null, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256", SslProtocols.Tls13)!
                .AllowedCipherSuites.Take(3));
        Assert.NotNull(CipherSuiteMapper.CreatePolicy(null, "TLS_AES_128_GCM_SHA256", SslProtocols.Tls13));
    }

    [CipherPolicyFact]
    public void CreatePolicy_Tls12AlsoEnabled_DefaultTls13ListStillAPolicy()
    {
        // TLS 1.2's list is then the Mozilla one, not OpenSSL's default: the policy is needed.
        Assert.NotNull(CipherSuiteMapper.CreatePolicy(null, "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256", SslProtocols.Tls12 | SslProtocols.Tls13));
    }
}
