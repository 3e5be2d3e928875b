namespace Appliance.ProxyCore.Rules;

/// <summary>What an <c>http-request</c> / <c>http-response</c> rule does. Immutable, built once per configuration.</summary>
public abstract class HttpAction
{
    /// <summary>The action's keyword, e.g. <c>add-header</c>.</summary>
    public abstract string Name { get; }

    /// <summary>True when the action ends the rule list (allow, deny, return, redirect, auth).</summary>
    public virtual bool IsFinal => false;

    public abstract RuleOutcome Execute(in ActionTarget target);
}
