namespace Appliance.ProxyCore.Rules;

/// <summary><c>allow</c>: stops this rule list; the request (or response) goes on.</summary>
public sealed class AllowAction : HttpAction
{
    public override string Name => "allow";

    public override bool IsFinal => true;

    public override RuleOutcome Execute(in ActionTarget target) => RuleOutcome.Allowed;
}
