namespace Appliance.ProxyCore.Configuration;

/// <summary>One problem found in a configuration file, printed as <c>FILE:LINE: error|warning: MESSAGE</c>.</summary>
public sealed record ConfigDiagnostic(SourceLocation Location, DiagnosticSeverity Severity, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString() =>
        $"{Location.File}:{Location.Line}: {(IsError ? "error" : "warning")}: {Message}";
}
