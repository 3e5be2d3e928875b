using System.Net;

namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>What a balancing algorithm may look at for one pick. HTTP fields are null in TCP mode.</summary>
/// <param name="ClientAddress">The client's source address (<c>balance source</c>).</param>
/// <param name="Uri">The request target (<c>balance uri</c>).</param>
/// <param name="GetHeader">Looks up a request header's first value (<c>balance hdr(NAME)</c>).</param>
public readonly record struct BalanceContext(IPAddress? ClientAddress, string? Uri = null, Func<string, string?>? GetHeader = null);
