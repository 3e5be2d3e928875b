namespace Appliance.ProxyCore.Configuration;

/// <summary>A <c>log</c> line (parsed now, used by the monitoring work): the target as written and the remaining words.</summary>
public sealed record LogTargetConfig(string Target, IReadOnlyList<string> Arguments, SourceLocation Location);
