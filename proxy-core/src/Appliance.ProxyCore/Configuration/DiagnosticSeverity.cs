namespace Appliance.ProxyCore.Configuration;

/// <summary>How serious a configuration diagnostic is. Any <see cref="Error"/> makes the file invalid.</summary>
public enum DiagnosticSeverity
{
    Warning,
    Error,
}
