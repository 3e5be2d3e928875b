using System.Text.RegularExpressions;
using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Rules.LogFormat;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// <c>replace-header NAME REGEX FMT</c>: every field line named NAME whose whole value matches REGEX
/// (case-sensitively) gets the value FMT, with <c>\1</c>.. back-references.
/// </summary>
public sealed class ReplaceHeaderAction(string header, Regex regex, LogFormatString replacement) : HttpAction
{
    private readonly bool _backReferences = RegexReplacement.HasBackReference(replacement.Source);

    public override string Name => "replace-header";

    public string Header { get; } = header;

    public Regex Regex { get; } = regex;

    public LogFormatString Replacement { get; } = replacement;

    public override RuleOutcome Execute(in ActionTarget target)
    {
        var headers = target.Headers;
        var transaction = target.Transaction;
        for (var i = 0; i < headers.HeaderCount; i++)
        {
            if (!HeaderValues.NameEquals(headers.GetHeaderName(i), Header))
            {
                continue;
            }

            var value = headers.GetHeaderValue(i);
            if (!_backReferences)
            {
                if (Regex.IsMatch(value))
                {
                    headers.SetHeaderValue(i, transaction.Render(Replacement));
                }

                continue;
            }

            var match = Regex.Match(value.ToString());
            if (match.Success)
            {
                var template = transaction.Render(Replacement);
                transaction.Expansion.Clear();
                RegexReplacement.Expand(match, template, transaction.Expansion);
                headers.SetHeaderValue(i, transaction.Expansion.ToString());
            }
        }

        return RuleOutcome.Continue;
    }
}
