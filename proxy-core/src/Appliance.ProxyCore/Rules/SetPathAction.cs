using Appliance.ProxyCore.Rules.LogFormat;

namespace Appliance.ProxyCore.Rules;

/// <summary><c>set-path FMT</c>: replaces the path, keeping the query string (and the authority of an absolute-form target).</summary>
public sealed class SetPathAction(LogFormatString path) : HttpAction
{
    public override string Name => "set-path";

    public LogFormatString Path { get; } = path;

    public override RuleOutcome Execute(in ActionTarget target)
    {
        var request = target.Request!;
        var transaction = target.Transaction;
        var path = transaction.Render(Path);
        transaction.Expansion.Clear();
        UrlRewriter.WithPath(request.Url, path, transaction.Expansion);
        transaction.Scratch.Clear().Append(transaction.Expansion);
        request.SetUrl(transaction.ScratchSpan());
        return RuleOutcome.Continue;
    }
}
