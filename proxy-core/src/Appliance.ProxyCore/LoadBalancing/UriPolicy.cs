using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// <c>balance uri [len N] [depth N] [whole] [path-only]</c>: the request URI hashed over the weighted candidates
/// (<c>hash-type map-based</c>), so the same URI reaches the same server (cache affinity). By default the query string is
/// ignored, as in HAProxy. Without a URI (TCP mode) it falls back to round-robin.
/// </summary>
public sealed class UriPolicy : ILoadBalancingPolicy
{
    public string Name => "uri";

    public string? ValidateArguments(IReadOnlyList<string> arguments) => UriHashOptions.TryParse(arguments, out _);

    public ILoadBalancer Create(BalanceConfig config, IReadOnlyList<ServerModel> servers)
    {
        PolicyArguments.ThrowIfInvalid(UriHashOptions.TryParse(config.Arguments, out var options));
        return new UriBalancer(options, servers.Count);
    }
}
