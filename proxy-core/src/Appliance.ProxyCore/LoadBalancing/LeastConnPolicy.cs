using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// <c>balance leastconn</c>: the server with the fewest active connections relative to its effective weight; equal
/// loads are served in turn. Dynamic (weights read at every pick). Takes no arguments.
/// </summary>
public sealed class LeastConnPolicy : ILoadBalancingPolicy
{
    public string Name => "leastconn";

    public string? ValidateArguments(IReadOnlyList<string> arguments) => PolicyArguments.None(Name, arguments);

    public ILoadBalancer Create(BalanceConfig config, IReadOnlyList<ServerModel> servers)
    {
        PolicyArguments.ThrowIfInvalid(ValidateArguments(config.Arguments));
        return new LeastConnBalancer();
    }
}
