namespace Appliance.ProxyCore.Acl;

/// <summary>One ACL of a condition, possibly negated with <c>!</c>.</summary>
public readonly record struct ConditionTerm(AclDefinition Acl, bool Negated)
{
    public bool Evaluate(in SampleContext context) => Acl.Matches(context) != Negated;

    public override string ToString() => Negated ? $"!{Acl.Name}" : Acl.Name;
}
