using System.Text.RegularExpressions;
using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Rules.LogFormat;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// <c>replace-path REGEX FMT</c>: when the path matches REGEX, the path becomes FMT with <c>\1</c>.. back-references;
/// the query string is kept.
/// </summary>
public sealed class ReplacePathAction(Regex regex, LogFormatString replacement) : HttpAction
{
    public override string Name => "replace-path";

    public Regex Regex { get; } = regex;

    public LogFormatString Replacement { get; } = replacement;

    public override RuleOutcome Execute(in ActionTarget target)
    {
        var request = target.Request!;
        if (!HttpTarget.TryGetPath(request.Url, out var path))
        {
            return RuleOutcome.Continue;
        }

        // Back-references need the match's groups, which the span API does not expose; path rewrites are rare.
        var match = Regex.Match(path.ToString());
        if (!match.Success)
        {
            return RuleOutcome.Continue;
        }

        var transaction = target.Transaction;
        var template = transaction.Render(Replacement);
        transaction.Expansion.Clear();
        RegexReplacement.Expand(match, template, transaction.Expansion);
        var newPath = transaction.Expansion.ToString();
        transaction.Expansion.Clear();
        UrlRewriter.WithPath(request.Url, newPath, transaction.Expansion);
        request.SetUrl(transaction.Expansion.ToString());
        return RuleOutcome.Continue;
    }
}
