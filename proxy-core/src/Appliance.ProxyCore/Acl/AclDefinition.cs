namespace Appliance.ProxyCore.Acl;

/// <summary>
/// A named ACL: every <c>acl NAME ...</c> line with the same name adds an expression, and the ACL is true when any
/// of them is (HAProxy ORs them). Immutable once the proxy is compiled.
/// </summary>
public sealed class AclDefinition(string name, IReadOnlyList<AclExpression> expressions)
{
    private readonly AclExpression[] _expressions = [.. expressions];

    /// <summary>The name; anonymous ACLs (<c>{ ... }</c>) are named after their text.</summary>
    public string Name { get; } = name;

    public IReadOnlyList<AclExpression> Expressions => _expressions;

    public bool Matches(in SampleContext context)
    {
        foreach (var expression in _expressions)
        {
            if (expression.Matches(context))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A copy with one more expression (a later <c>acl</c> line with the same name).</summary>
    public AclDefinition With(AclExpression expression) => new(Name, [.. _expressions, expression]);

    public override string ToString() => Name;
}
