using System.Net;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>What a balancing algorithm may look at for one pick. No request in TCP mode.</summary>
/// <param name="ClientAddress">The client's source address (<c>balance source</c>).</param>
/// <param name="Request">The HTTP request, read only by the algorithms that need it (<c>balance uri</c>, <c>hdr()</c>).</param>
public readonly record struct BalanceContext(IPAddress? ClientAddress, IBalanceRequest? Request = null)
{
    /// <summary>A context from a target string and a header lookup already at hand.</summary>
    public BalanceContext(IPAddress? clientAddress, string? uri, Func<string, string?>? getHeader = null)
        : this(clientAddress, new FixedBalanceRequest(uri, getHeader))
    {
    }

    /// <summary>The request target (<c>balance uri</c>), or null without a request.</summary>
    public string? Uri => Request?.Uri;

    /// <summary>A request header's first value (<c>balance hdr(NAME)</c>), or null.</summary>
    public string? GetHeader(string name) => Request?.GetHeader(name);
}
