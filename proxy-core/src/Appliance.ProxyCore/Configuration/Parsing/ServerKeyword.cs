namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>A <c>server</c>/<c>default-server</c> parameter: how many values follow it and whether it is parsed now.</summary>
internal sealed record ServerKeyword(string Name, int Arity, KeywordHandling Handling);
