namespace Appliance.HaAgent.Configuration;

/// <summary>One keyword of the <c>ha</c> section: whether it may repeat, and what reads its line.</summary>
internal sealed record HaKeyword(string Name, bool Repeatable, Action<HaConfigLine, HaConfigBuilder, List<HaDiagnostic>> Read);
