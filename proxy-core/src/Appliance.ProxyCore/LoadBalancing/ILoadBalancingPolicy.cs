using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>A balancing algorithm registered by the name used after <c>balance</c> (HAProxy's names).</summary>
public interface ILoadBalancingPolicy
{
    /// <summary>The name in the configuration, e.g. <c>roundrobin</c>.</summary>
    string Name { get; }

    /// <summary>Returns an error message when the arguments are wrong for this algorithm, else null.</summary>
    string? ValidateArguments(IReadOnlyList<string> arguments);

    /// <summary>Creates the per-backend state of the algorithm over all of the backend's servers.</summary>
    ILoadBalancer Create(BalanceConfig config, IReadOnlyList<ServerModel> servers);
}
