namespace Appliance.ProxyCore.Acl;

/// <summary>
/// A compiled <c>if COND</c> / <c>unless COND</c>: OR-ed groups of AND-ed terms, since in HAProxy implicit AND binds
/// tighter than <c>||</c> (<c>a b || c</c> is <c>(a and b) or c</c>) and there are no parentheses. Terms are evaluated
/// left to right and stop as soon as the outcome is known, so later ACLs are not fetched needlessly.
/// </summary>
public sealed class Condition
{
    private readonly ConditionTerm[][] _groups;

    public Condition(IReadOnlyList<IReadOnlyList<ConditionTerm>> groups, bool unless)
    {
        _groups = [.. groups.Select(g => g.ToArray())];
        Unless = unless;
    }

    /// <summary>True for <c>unless</c>: the rule applies when the expression is false.</summary>
    public bool Unless { get; }

    /// <summary>The OR-ed groups of AND-ed terms.</summary>
    public IReadOnlyList<IReadOnlyList<ConditionTerm>> Groups => _groups;

    /// <summary>True when the rule this condition guards applies.</summary>
    public bool Evaluate(in SampleContext context) => EvaluateExpression(context) != Unless;

    public override string ToString() =>
        $"{(Unless ? "unless" : "if")} {string.Join(" || ", _groups.Select(g => string.Join(' ', g)))}";

    private bool EvaluateExpression(in SampleContext context)
    {
        foreach (var group in _groups)
        {
            var all = true;
            foreach (var term in group)
            {
                if (!term.Evaluate(context))
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }
}
