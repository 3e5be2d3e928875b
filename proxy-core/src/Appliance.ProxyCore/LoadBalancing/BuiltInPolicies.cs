namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>The list of algorithms shipped in this build, one file per implementation.</summary>
internal static class BuiltInPolicies
{
    public static IReadOnlyList<ILoadBalancingPolicy> All { get; } = [];
}
