namespace Appliance.HaAgent.Configuration;

/// <summary>
/// One line of the <c>ha</c> section as the host's tokenizer produced it (quotes resolved, comments removed). The
/// host adapts the proxy's parsed lines to this record so the ha-agent does not depend on the proxy core.
/// </summary>
/// <param name="Keyword">The first word.</param>
/// <param name="Arguments">The remaining words.</param>
/// <param name="File">The file the line came from, as printed in diagnostics.</param>
/// <param name="Line">The 1-based line number.</param>
public sealed record HaConfigLine(string Keyword, IReadOnlyList<string> Arguments, string File, int Line)
{
    public override string ToString() => Arguments.Count == 0 ? Keyword : $"{Keyword} {string.Join(' ', Arguments)}";
}
