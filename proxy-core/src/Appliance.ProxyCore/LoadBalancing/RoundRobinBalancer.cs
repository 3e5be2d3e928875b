using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// The per-backend state of <c>roundrobin</c> (effective weights) and <c>static-rr</c> (configured weights): a smooth
/// weighted round-robin over whatever candidates the selector passes, so servers leaving and rejoining need no rebuild.
/// </summary>
internal sealed class RoundRobinBalancer : ILoadBalancer
{
    private readonly SmoothWeightedRoundRobin _rotation;

    public RoundRobinBalancer(int serverCount, bool configuredWeights)
    {
        _rotation = new SmoothWeightedRoundRobin(serverCount, configuredWeights);
    }

    public ServerModel Pick(IReadOnlyList<ServerModel> candidates, in BalanceContext context) => _rotation.Pick(candidates);
}
