using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>Hashes <see cref="BalanceContext.ClientAddress"/> into the weighted map; round-robin without one.</summary>
internal sealed class SourceBalancer : ILoadBalancer
{
    // Static weights, like the hash: HAProxy's fallback walks the same static map.
    private readonly SmoothWeightedRoundRobin _fallback;

    public SourceBalancer(int serverCount)
    {
        _fallback = new SmoothWeightedRoundRobin(serverCount, configuredWeights: true);
    }

    public ServerModel Pick(IReadOnlyList<ServerModel> candidates, in BalanceContext context) =>
        context.ClientAddress is { } address
            ? WeightedMap.Pick(candidates, KeyHash.Of(address))
            : _fallback.Pick(candidates);
}
