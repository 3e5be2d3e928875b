using Appliance.ProxyCore.Configuration;

namespace Appliance.Host.Hosting;

/// <summary>Validates a configuration text exactly as <c>appliance check</c> does: the proxy's diagnostics, then the <c>ha</c> section's.</summary>
internal static class ConfigValidation
{
    /// <summary>The loaded configuration when valid (null otherwise) and every error as <c>FILE:LINE: error: ...</c>.</summary>
    /// <param name="text">The configuration text.</param>
    /// <param name="path">The file name diagnostics carry (and relative paths in the file resolve against).</param>
    public static (ApplianceConfig? Config, IReadOnlyList<string> Errors) Validate(string text, string path) =>
        Validate(ConfigLoader.LoadText(text, path));

    /// <summary>The same for an already loaded result.</summary>
    public static (ApplianceConfig? Config, IReadOnlyList<string> Errors) Validate(ConfigLoadResult result)
    {
        var ha = result.Config is null ? default : HaAgentHost.Check(result.Config);
        var errors = result.Errors.Select(d => d.ToString())
            .Concat(ha.Diagnostics?.Where(d => d.IsError).Select(d => d.ToString()) ?? [])
            .ToList();
        return (result.IsValid && errors.Count == 0 ? result.Config : null, errors);
    }
}
