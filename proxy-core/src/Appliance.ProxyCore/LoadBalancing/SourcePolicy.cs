using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// <c>balance source</c>: the client's IP address (IPv4 or IPv6 bytes) hashed over the weighted candidates
/// (<c>hash-type map-based</c>, HAProxy's default), so a client keeps its server while the candidate set is unchanged.
/// Without a client address (e.g. a UNIX socket) it falls back to round-robin. Takes no arguments.
/// </summary>
public sealed class SourcePolicy : ILoadBalancingPolicy
{
    public string Name => "source";

    public string? ValidateArguments(IReadOnlyList<string> arguments) => PolicyArguments.None(Name, arguments);

    public ILoadBalancer Create(BalanceConfig config, IReadOnlyList<ServerModel> servers)
    {
        PolicyArguments.ThrowIfInvalid(ValidateArguments(config.Arguments));
        return new SourceBalancer(servers.Count);
    }
}
