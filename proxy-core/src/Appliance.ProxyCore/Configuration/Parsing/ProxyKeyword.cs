namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>One row of the proxy keyword table: where the keyword is allowed and how it is handled.</summary>
internal sealed record ProxyKeyword(string Name, SectionCapability Allowed, KeywordHandling Handling);
