namespace Appliance.ProxyCore.Rules;

/// <summary>The result of running a rule list: a verdict and, for final verdicts other than allow, the reply to send.</summary>
public readonly record struct RuleOutcome(RuleVerdict Verdict, HttpReply? Reply)
{
    public static RuleOutcome Continue => default;

    public static RuleOutcome Allowed => new(RuleVerdict.Allow, null);

    /// <summary><c>use-service</c>: the built-in service answers.</summary>
    public static RuleOutcome Service => new(RuleVerdict.UseService, null);

    /// <summary>True when the proxy answers by itself (deny, redirect, return, auth) instead of forwarding.</summary>
    public bool Replies => Reply is not null;

    /// <summary>True when a <c>use-service</c> rule applied: the request goes to the built-in service.</summary>
    public bool UsesService => Verdict == RuleVerdict.UseService;
}
