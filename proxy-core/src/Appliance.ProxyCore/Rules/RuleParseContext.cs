using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Rules.LogFormat;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// What the parsers of one rule line share: the line, how its section is named, the ACLs visible to it, the bag, and
/// helpers for the parts every rule has (a log-format argument, an optional trailing condition).
/// </summary>
internal sealed class RuleParseContext(ConfigLine line, string where, string proxyName, AclScope scope, DiagnosticBag bag)
{
    private readonly ConditionParser _conditions = new(bag);

    public ConfigLine Line { get; } = line;

    public IReadOnlyList<string> Words => Line.Arguments;

    public string Where { get; } = where;

    /// <summary>The proxy's name (the default realm of <c>auth</c>).</summary>
    public string ProxyName { get; } = proxyName;

    public AclScope Scope { get; } = scope;

    public DiagnosticBag Bag { get; } = bag;

    public SourceLocation Location => Line.Location;

    /// <summary>True when <paramref name="index"/> is past the arguments or at <c>if</c>/<c>unless</c>.</summary>
    public bool AtConditionOrEnd(int index) => index >= Words.Count || Words[index] is "if" or "unless";

    public void Error(string message) => Bag.Error(Location, message);

    /// <summary>Compiles a log-format argument; null after reporting.</summary>
    public LogFormatString? Format(string text, string subject)
    {
        var format = LogFormatParser.Parse(text, subject, out var error);
        if (format is null)
        {
            Error(error!);
        }

        return format;
    }

    /// <summary>
    /// The condition starting at <paramref name="index"/>: none at the end of the line, else it must start with
    /// <c>if</c>/<c>unless</c>. False after reporting a problem.
    /// </summary>
    public bool TryCondition(int index, string subject, out Condition? condition)
    {
        condition = null;
        if (index >= Words.Count)
        {
            return true;
        }

        condition = _conditions.Parse(Words, index, subject, Location, Scope);
        return condition is not null;
    }
}
