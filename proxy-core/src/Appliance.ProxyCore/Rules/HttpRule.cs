using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Rules;

/// <summary>One <c>http-request</c>, <c>http-response</c> or <c>redirect</c> line: an action and its optional condition.</summary>
public sealed record HttpRule(string Keyword, HttpAction Action, Condition? Condition, SourceLocation Location)
{
    /// <summary>True when the rule applies to the current message (always, without a condition).</summary>
    public bool Applies(in SampleContext context) => Condition is null || Condition.Evaluate(context);

    public override string ToString() => Condition is null ? $"{Keyword} {Action.Name}" : $"{Keyword} {Action.Name} {Condition}";
}
