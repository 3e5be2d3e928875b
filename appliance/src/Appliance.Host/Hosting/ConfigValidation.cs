using Appliance.ProxyCore.Configuration;

namespace Appliance.Host.Hosting;

/// <summary>Validates a configuration text exactly as <c>appliance check</c> does: the proxy's diagnostics, then the <c>ha</c> section's.</summary>
internal static class ConfigValidation
{
    /// <summary>The loaded configuration when valid (null otherwise) and every error as <c>FILE:LINE: error: ...</c>.</summary>
    public static (ApplianceConfig? Config, IReadOnlyList<string> Errors) Validate(ConfigLoadResult result)
    {
        var ha = result.Config is null ? default : HaAgentHost.Check(result.Config);
        var errors = result.Errors.Select(d => d.ToString())
            .Concat(ha.Diagnostics?.Where(d => d.IsError).Select(d => d.ToString()) ?? [])
            .ToList();
        return (result.IsValid && errors.Count == 0 ? result.Config : null, errors);
    }
}
