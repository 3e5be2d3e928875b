using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// <c>balance static-rr</c>: weighted round-robin on the configured weights. As in HAProxy, a runtime weight change has
/// no effect except 0% (drain), which takes the server out of the candidates. Takes no arguments.
/// </summary>
public sealed class StaticRoundRobinPolicy : ILoadBalancingPolicy
{
    public string Name => "static-rr";

    public string? ValidateArguments(IReadOnlyList<string> arguments) => PolicyArguments.None(Name, arguments);

    public ILoadBalancer Create(BalanceConfig config, IReadOnlyList<ServerModel> servers)
    {
        PolicyArguments.ThrowIfInvalid(ValidateArguments(config.Arguments));
        return new RoundRobinBalancer(servers.Count, configuredWeights: true);
    }
}
