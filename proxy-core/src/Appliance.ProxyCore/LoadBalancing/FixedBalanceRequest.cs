namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>A request view from values already at hand (a target string and a header lookup).</summary>
internal sealed class FixedBalanceRequest(string? uri, Func<string, string?>? getHeader) : IBalanceRequest
{
    public string? Uri => uri;

    public string? GetHeader(string name) => getHeader?.Invoke(name);
}
