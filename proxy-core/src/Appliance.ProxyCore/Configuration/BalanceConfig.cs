namespace Appliance.ProxyCore.Configuration;

/// <summary>The <c>balance</c> keyword: an algorithm name (validated against the registered policies) and its arguments.</summary>
public sealed record BalanceConfig(string Algorithm, IReadOnlyList<string> Arguments)
{
    /// <summary>HAProxy's default algorithm.</summary>
    public static BalanceConfig Default { get; } = new("roundrobin", []);
}
