using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// <c>balance roundrobin</c>, HAProxy's default: each server in turn according to its weight, dynamic (the effective
/// weight, scaled by agents and zero while draining, is read at every pick). Takes no arguments.
/// </summary>
public sealed class RoundRobinPolicy : ILoadBalancingPolicy
{
    public string Name => "roundrobin";

    public string? ValidateArguments(IReadOnlyList<string> arguments) => PolicyArguments.None(Name, arguments);

    public ILoadBalancer Create(BalanceConfig config, IReadOnlyList<ServerModel> servers)
    {
        PolicyArguments.ThrowIfInvalid(ValidateArguments(config.Arguments));
        return new RoundRobinBalancer(servers.Count, configuredWeights: false);
    }
}
