namespace Appliance.ProxyCore.Rules;

/// <summary><c>http-response set-status N [reason R]</c>: replaces the response status (100..999, as HAProxy allows).</summary>
public sealed class SetStatusAction(int status, string? reason) : HttpAction
{
    public override string Name => "set-status";

    public int Status { get; } = status;

    /// <summary>The reason phrase; null = the standard one for the status.</summary>
    public string? Reason { get; } = reason;

    public override RuleOutcome Execute(in ActionTarget target)
    {
        target.Response!.SetStatus(Status, Reason);
        return RuleOutcome.Continue;
    }
}
