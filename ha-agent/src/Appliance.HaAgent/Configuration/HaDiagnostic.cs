namespace Appliance.HaAgent.Configuration;

/// <summary>One problem in the <c>ha</c> section, printed as <c>FILE:LINE: error|warning: MESSAGE</c>.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="IsError">True for an error (the config is refused), false for a warning.</param>
/// <param name="Message">What is wrong: the keyword, what was expected and what was given.</param>
public sealed record HaDiagnostic(string File, int Line, bool IsError, string Message)
{
    internal static HaDiagnostic Error(HaConfigLine at, string message) => new(at.File, at.Line, true, message);

    internal static HaDiagnostic Warning(HaConfigLine at, string message) => new(at.File, at.Line, false, message);

    public override string ToString() => $"{File}:{Line}: {(IsError ? "error" : "warning")}: {Message}";
}
