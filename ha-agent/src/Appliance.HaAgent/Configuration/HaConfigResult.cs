namespace Appliance.HaAgent.Configuration;

/// <summary>What reading an <c>ha</c> section produced: the config when there was no error, and every diagnostic.</summary>
/// <param name="Config">The section, or null when any diagnostic is an error.</param>
/// <param name="Diagnostics">Errors and warnings: per-line ones in line order, then the section-wide checks.</param>
public sealed record HaConfigResult(HaConfig? Config, IReadOnlyList<HaDiagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
