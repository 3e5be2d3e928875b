using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>Hashes one header's value, or its main domain label; round-robin when the header is missing or empty.</summary>
internal sealed class HeaderBalancer : ILoadBalancer
{
    private readonly string _headerName;
    private readonly bool _useDomainOnly;
    private readonly SmoothWeightedRoundRobin _fallback;

    public HeaderBalancer(string headerName, bool useDomainOnly, int serverCount)
    {
        _headerName = headerName;
        _useDomainOnly = useDomainOnly;
        _fallback = new SmoothWeightedRoundRobin(serverCount, configuredWeights: true);
    }

    public ServerModel Pick(IReadOnlyList<ServerModel> candidates, in BalanceContext context)
    {
        var header = context.GetHeader(_headerName);
        var value = header is null ? [] : header.AsSpan().Trim();
        if (value.IsEmpty)
        {
            return _fallback.Pick(candidates);
        }

        return WeightedMap.Pick(candidates, KeyHash.Of(_useDomainOnly ? MainDomainLabel(value) : value));
    }

    /// <summary>
    /// The label before the top-level domain, without a port: <c>www.haproxy.org:443</c> gives <c>haproxy</c>,
    /// <c>localhost</c> stays whole. A bracketed IPv6 literal is hashed whole.
    /// </summary>
    internal static ReadOnlySpan<char> MainDomainLabel(ReadOnlySpan<char> host)
    {
        if (host.StartsWith('['))
        {
            return host;
        }

        var colon = host.IndexOf(':');
        if (colon >= 0)
        {
            host = host[..colon];
        }

        var lastDot = host.LastIndexOf('.');
        if (lastDot < 0)
        {
            return host;
        }

        var beforeTld = host[..lastDot];
        return beforeTld[(beforeTld.LastIndexOf('.') + 1)..];
    }
}
