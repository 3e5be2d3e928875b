using System.Text.RegularExpressions;
using Appliance.ProxyCore.Acl;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// <c>del-header NAME [-m str|beg|end|sub|reg]</c>: removes every field line whose name matches (case-insensitively;
/// default <c>str</c>, the exact name).
/// </summary>
public sealed class DeleteHeaderAction(string header, MatchKind method, Regex? regex) : HttpAction
{
    public override string Name => "del-header";

    public string Header { get; } = header;

    /// <summary>One of Str, Beg, End, Sub, Reg.</summary>
    public MatchKind Method { get; } = method;

    public override RuleOutcome Execute(in ActionTarget target)
    {
        var headers = target.Headers;
        for (var i = headers.HeaderCount - 1; i >= 0; i--)
        {
            if (NameMatches(headers.GetHeaderName(i)))
            {
                headers.RemoveHeader(i);
            }
        }

        return RuleOutcome.Continue;
    }

    private bool NameMatches(ReadOnlySpan<char> name) => Method switch
    {
        MatchKind.Beg => name.StartsWith(Header, StringComparison.OrdinalIgnoreCase),
        MatchKind.End => name.EndsWith(Header, StringComparison.OrdinalIgnoreCase),
        MatchKind.Sub => name.Contains(Header, StringComparison.OrdinalIgnoreCase),
        MatchKind.Reg => regex!.IsMatch(name),
        _ => name.Equals(Header, StringComparison.OrdinalIgnoreCase),
    };
}
