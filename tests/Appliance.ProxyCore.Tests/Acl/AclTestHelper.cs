using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Rules;
using Appliance.ProxyCore.Tests.Configuration;

namespace Appliance.ProxyCore.Tests.Acl;

/// <summary>Builds one HTTP frontend around the given lines and compiles it through the real loader.</summary>
internal static class AclTestHelper
{
    public const string Header = "defaults\n    mode http\n    timeout client 1s\n    timeout connect 1s\n    timeout server 1s\nfrontend f\n    bind :80\n";

    public const string Backends = "backend web\n    server s1 10.0.0.1:80\nbackend api\n    server s1 10.0.0.2:80\nbackend ws\n    server s1 10.0.0.3:80\n";

    /// <summary>Frontend lines start at line 8 of the generated file.</summary>
    public const int FirstLine = 8;

    public static string Text(params string[] frontendLines) =>
        Header + string.Concat(frontendLines.Select(l => $"    {l}\n")) + "    default_backend web\n" + Backends;

    public static ConfigLoadResult Load(params string[] frontendLines) => ConfigTestHelper.Load(Text(frontendLines));

    public static List<string> Diagnostics(params string[] frontendLines) => ConfigTestHelper.Diagnostics(Text(frontendLines));

    /// <summary>The frontend's compiled rules; fails the test when the file has any diagnostic.</summary>
    public static HttpRuleSet Rules(params string[] frontendLines)
    {
        var result = Load(frontendLines);
        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        return result.Config!.Proxies[0].HttpRules;
    }

    /// <summary>Whether ACL <paramref name="name"/> (declared by <paramref name="aclLines"/>) matches <paramref name="request"/>.</summary>
    public static bool Matches(TestRequest request, string name, params string[] aclLines) =>
        Rules(aclLines).Acls[name].Matches(new SampleContext(request));

    /// <summary>Whether one anonymous ACL's words match, e.g. <c>path_beg /api</c>.</summary>
    public static bool Anonymous(TestRequest request, string words) => Matches(request, "x", $"acl x {words}");
}
