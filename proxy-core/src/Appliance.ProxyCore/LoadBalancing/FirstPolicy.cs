using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// <c>balance first</c>: the first server, in configuration order, with a free connection slot; the next one only once it
/// reaches its <c>maxconn</c>. Ignores weights (a drained server is still skipped, since it is not a candidate). Meant
/// to be used with <c>maxconn</c> on the servers. Takes no arguments.
/// </summary>
public sealed class FirstPolicy : ILoadBalancingPolicy
{
    public string Name => "first";

    public string? ValidateArguments(IReadOnlyList<string> arguments) => PolicyArguments.None(Name, arguments);

    public ILoadBalancer Create(BalanceConfig config, IReadOnlyList<ServerModel> servers)
    {
        PolicyArguments.ThrowIfInvalid(ValidateArguments(config.Arguments));
        return new FirstBalancer();
    }
}
