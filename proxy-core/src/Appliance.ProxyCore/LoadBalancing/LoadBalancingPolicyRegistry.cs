using System.Diagnostics.CodeAnalysis;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>The balancing algorithms known by name. Validation and the runtime both ask this one registry.</summary>
public sealed class LoadBalancingPolicyRegistry
{
    private readonly Dictionary<string, ILoadBalancingPolicy> _byName;

    public LoadBalancingPolicyRegistry(IEnumerable<ILoadBalancingPolicy> policies)
    {
        _byName = policies.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>Every algorithm this build implements.</summary>
    public static LoadBalancingPolicyRegistry Default { get; } = new(BuiltInPolicies.All);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public bool TryGet(string name, [NotNullWhen(true)] out ILoadBalancingPolicy? policy) =>
        _byName.TryGetValue(name, out policy);
}
