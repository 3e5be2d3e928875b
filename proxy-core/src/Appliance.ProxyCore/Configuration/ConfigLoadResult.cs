namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// The outcome of loading a configuration: the best-effort <see cref="Config"/> (null only when the file could not be
/// read) and every diagnostic, sorted by line. The configuration may be used only when <see cref="IsValid"/>.
/// </summary>
public sealed record ConfigLoadResult(ApplianceConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics)
{
    /// <summary>True when a configuration was produced and no diagnostic is an error (warnings are allowed).</summary>
    public bool IsValid => Config is not null && !Diagnostics.Any(d => d.IsError);

    public IEnumerable<ConfigDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<ConfigDiagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
