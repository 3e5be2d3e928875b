using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>Hashes the configured part of <see cref="BalanceContext.Uri"/>; round-robin when there is none.</summary>
internal sealed class UriBalancer : ILoadBalancer
{
    private readonly UriHashOptions _options;
    private readonly SmoothWeightedRoundRobin _fallback;

    public UriBalancer(UriHashOptions options, int serverCount)
    {
        _options = options;
        _fallback = new SmoothWeightedRoundRobin(serverCount, configuredWeights: true);
    }

    public ServerModel Pick(IReadOnlyList<ServerModel> candidates, in BalanceContext context) =>
        context.Uri is { } uri
            ? WeightedMap.Pick(candidates, KeyHash.Of(_options.KeyOf(uri)))
            : _fallback.Pick(candidates);
}
