using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.LoadBalancing;

namespace Appliance.ProxyCore.Tests.Configuration;

/// <summary>Loads configuration text with the test registry and a fixed environment.</summary>
internal static class ConfigTestHelper
{
    public const string NoArguments = "takes no argument";

    public const string HdrNeedsName = "expects a header name, as in 'hdr(Host)'";

    /// <summary>The algorithms of HAProxy that the tests use, with argument rules like the real policies'.</summary>
    public static LoadBalancingPolicyRegistry Registry { get; } = new(
    [
        new FakeBalancingPolicy("roundrobin", NoArgs),
        new FakeBalancingPolicy("static-rr", NoArgs),
        new FakeBalancingPolicy("leastconn", NoArgs),
        new FakeBalancingPolicy("source", NoArgs),
        new FakeBalancingPolicy("first", NoArgs),
        new FakeBalancingPolicy("uri", _ => null),
        new FakeBalancingPolicy("hdr", a => a.Count >= 1 && a[0].Length > 0 ? null : HdrNeedsName),
        new FakeBalancingPolicy("random", _ => null),
    ]);

    public static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["HOME_DIR"] = "/home/lb",
        ["PORT"] = "8080",
        ["EMPTY"] = "",
    };

    public static ConfigLoadResult Load(string text) =>
        ConfigLoader.LoadText(text, "t.cfg", Registry, name => Environment.GetValueOrDefault(name));

    public static List<string> Diagnostics(string text) => [.. Load(text).Diagnostics.Select(d => d.ToString())];

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "Configuration", "TestData", name);

    private static string? NoArgs(IReadOnlyList<string> arguments) => arguments.Count == 0 ? null : NoArguments;
}
