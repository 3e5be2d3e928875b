namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>
/// The request as a balancing algorithm sees it. Read on demand: only <c>balance uri</c> and <c>balance hdr()</c> ask,
/// so the other algorithms cost no string per request.
/// </summary>
public interface IBalanceRequest
{
    /// <summary>The request target (<c>balance uri</c>).</summary>
    string? Uri { get; }

    /// <summary>A request header's first value, or null (<c>balance hdr(NAME)</c>).</summary>
    string? GetHeader(string name);
}
