using Appliance.ProxyCore.Acl;

namespace Appliance.ProxyCore.Configuration;

/// <summary>One compiled <c>stick on|match|store-request|store-response PATTERN [table NAME] [{if|unless} COND]</c> line.</summary>
/// <param name="Kind">Which rule.</param>
/// <param name="Pattern">The sample expression that gives the key.</param>
/// <param name="Table">The table's name: the <c>table</c> argument, else the proxy's own.</param>
/// <param name="Condition">The condition; null = always.</param>
/// <param name="Location">The line.</param>
public sealed record StickRuleConfig(StickRuleKind Kind, SampleExpression Pattern, string Table, Condition? Condition, SourceLocation Location)
{
    public bool Matches => Kind is StickRuleKind.Match or StickRuleKind.On;

    public bool StoresRequest => Kind is StickRuleKind.On or StickRuleKind.StoreRequest;
}
