using System.Net;

namespace Appliance.ProxyCore.Tests.Acl;

public sealed class AclFileAndPredefinedTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("acl-tests").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Matches_PatternFile_OneNetworkPerLineWithCommentsAndBlanks()
    {
        var file = Path.Combine(_directory, "allowed.lst");
        File.WriteAllText(file, "# office\n10.0.0.0/8\n\n   192.168.1.0/24\r\n# vpn\n2001:db8::/32\n");
        var line = $"acl allowed src -f {file}";

        Assert.True(AclTestHelper.Matches(new TestRequest { ClientAddress = IPAddress.Parse("192.168.1.77") }, "allowed", line));
        Assert.True(AclTestHelper.Matches(new TestRequest { ClientAddress = IPAddress.Parse("2001:db8::1") }, "allowed", line));
        Assert.False(AclTestHelper.Matches(new TestRequest { ClientAddress = IPAddress.Parse("172.16.0.1") }, "allowed", line));
        Assert.Equal(3, AclTestHelper.Rules(line).Acls["allowed"].Expressions[0].Matcher.PatternCount);
    }

    [Fact]
    public void Matches_PatternFileWithValuesAndIgnoreCase_AllPatternsCount()
    {
        var file = Path.Combine(_directory, "hosts.lst");
        File.WriteAllText(file, "media.example.com\nlive.example.com\n");
        var line = $"acl known hdr(host) -i -f {file} extra.example.com";

        Assert.True(AclTestHelper.Matches(new TestRequest(headers: ("Host", "LIVE.example.com")), "known", line));
        Assert.True(AclTestHelper.Matches(new TestRequest(headers: ("Host", "extra.example.com")), "known", line));
        Assert.False(AclTestHelper.Matches(new TestRequest(headers: ("Host", "other.example.com")), "known", line));
    }

    [Fact]
    public void LoadText_MissingPatternFile_ErrorNamesTheFile()
    {
        var missing = Path.Combine(_directory, "nope.lst");

        Assert.Equal(
            [$"t.cfg:8: error: ACL 'x' in frontend 'f' cannot read pattern file '{missing}': no such file"],
            AclTestHelper.Diagnostics($"acl x src -f {missing}"));
    }

    [Fact]
    public void LoadText_EmptyPatternFile_IsAcceptedWithoutWarning()
    {
        var file = Path.Combine(_directory, "empty.lst");
        File.WriteAllText(file, "# nothing yet\n");

        Assert.False(AclTestHelper.Matches(new TestRequest(), "x", $"acl x src -f {file}"));
    }

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("FALSE", false)]
    [InlineData("HTTP", true)]
    [InlineData("HTTP_1.1", true)]
    [InlineData("HTTP_1.0", false)]
    [InlineData("METH_GET", true)]
    [InlineData("METH_POST", false)]
    [InlineData("LOCALHOST", true)]
    [InlineData("HTTP_URL_SLASH", true)]
    [InlineData("HTTP_URL_ABS", false)]
    [InlineData("HTTP_CONTENT", false)]
    public void Matches_PredefinedAcls_OnALocalGetRequest(string name, bool expected)
    {
        var rules = AclTestHelper.Rules($"use_backend api if {name}");

        Assert.Equal(expected ? "api" : "web", rules.ResolveBackend(new Appliance.ProxyCore.Rules.HttpTransaction(new TestRequest())));
    }

    [Theory]
    [InlineData("HEAD", "METH_GET", true)]
    [InlineData("OPTIONS", "METH_OPTIONS", true)]
    [InlineData("CONNECT", "METH_CONNECT", true)]
    [InlineData("POST", "METH_POST", true)]
    [InlineData("PUT", "METH_HEAD", false)]
    public void Matches_PredefinedMethodAcls(string method, string acl, bool expected)
    {
        var rules = AclTestHelper.Rules($"use_backend api if {acl}");

        Assert.Equal(expected ? "api" : "web", rules.ResolveBackend(new Appliance.ProxyCore.Rules.HttpTransaction(new TestRequest(method))));
    }

    [Fact]
    public void Matches_PredefinedLocalhostFromOutside_IsFalse()
    {
        var rules = AclTestHelper.Rules("use_backend api if LOCALHOST");

        Assert.Equal("web", rules.ResolveBackend(new Appliance.ProxyCore.Rules.HttpTransaction(new TestRequest { ClientAddress = IPAddress.Parse("10.0.0.9") })));
        Assert.Equal("api", rules.ResolveBackend(new Appliance.ProxyCore.Rules.HttpTransaction(new TestRequest { ClientAddress = IPAddress.IPv6Loopback })));
    }

    [Fact]
    public void Matches_OwnAclNamedLikePredefined_TakesPrecedence()
    {
        var rules = AclTestHelper.Rules("acl LOCALHOST src 10.0.0.9", "use_backend api if LOCALHOST");

        Assert.Equal("api", rules.ResolveBackend(new Appliance.ProxyCore.Rules.HttpTransaction(new TestRequest { ClientAddress = IPAddress.Parse("10.0.0.9") })));
    }
}
