namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>The list of algorithms shipped in this build, one file per implementation.</summary>
internal static class BuiltInPolicies
{
    public static IReadOnlyList<ILoadBalancingPolicy> All { get; } =
    [
        new RoundRobinPolicy(),
        new StaticRoundRobinPolicy(),
        new LeastConnPolicy(),
        new SourcePolicy(),
        new FirstPolicy(),
        new UriPolicy(),
        new HeaderPolicy(),
        new RandomPolicy(),
    ];
}
