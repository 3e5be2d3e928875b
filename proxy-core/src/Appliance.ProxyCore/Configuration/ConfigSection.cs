namespace Appliance.ProxyCore.Configuration;

/// <summary>A raw section: its header (<c>peers mypeers</c>, <c>ha</c>, ...) and its lines.</summary>
public sealed record ConfigSection(string Keyword, IReadOnlyList<string> Arguments, SourceLocation Location, IReadOnlyList<ConfigLine> Lines);
