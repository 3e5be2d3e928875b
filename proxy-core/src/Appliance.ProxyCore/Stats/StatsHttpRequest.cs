namespace Appliance.ProxyCore.Stats;

/// <summary>What the stats service needs of a request.</summary>
/// <param name="Method">The method (GET, HEAD or POST).</param>
/// <param name="PathAndQuery">The path with its query, e.g. <c>/haproxy?stats;csv</c>.</param>
/// <param name="Authorization">The Authorization field; null when absent.</param>
/// <param name="Admin">True when <c>stats admin</c>'s condition holds for this request.</param>
/// <param name="Form">The POST body as text; null when it was larger than <see cref="StatsService.MaxFormBytes"/> or not readable.</param>
public sealed record StatsHttpRequest(string Method, string PathAndQuery, string? Authorization, bool Admin, string? Form = null)
{
    public bool IsPost => Method == "POST";
}
