namespace Appliance.ProxyCore.Configuration;

/// <summary>A tokenised configuration line: its keyword, its arguments (quotes and escapes resolved) and where it came from.</summary>
public sealed record ConfigLine(string Keyword, IReadOnlyList<string> Arguments, SourceLocation Location)
{
    public override string ToString() => Arguments.Count == 0 ? Keyword : $"{Keyword} {string.Join(' ', Arguments)}";
}
