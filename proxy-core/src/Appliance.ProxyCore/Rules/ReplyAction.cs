using Appliance.ProxyCore.Rules.LogFormat;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// <c>deny</c> and <c>return</c>: answer with a reply built at load time. An <c>lf-string</c> body is rendered per
/// request (the only allocation, on a path that ends the request anyway).
/// </summary>
public sealed class ReplyAction(string name, RuleVerdict verdict, HttpReply reply, LogFormatString? dynamicBody) : HttpAction
{
    public override string Name { get; } = name;

    public override bool IsFinal => true;

    public RuleVerdict Verdict { get; } = verdict;

    /// <summary>The reply; its body is replaced by <see cref="DynamicBody"/> when that is set.</summary>
    public HttpReply Reply { get; } = reply;

    /// <summary>The <c>lf-string</c> body; null for a fixed body or the error page.</summary>
    public LogFormatString? DynamicBody { get; } = dynamicBody;

    public override RuleOutcome Execute(in ActionTarget target)
    {
        if (DynamicBody is null)
        {
            return new RuleOutcome(Verdict, Reply);
        }

        var transaction = target.Transaction;
        transaction.Scratch.Clear();
        DynamicBody.Render(transaction, transaction.Scratch);
        return new RuleOutcome(Verdict, Reply with { Body = transaction.Scratch.ToString() });
    }
}
