namespace Appliance.ProxyCore.Acl;

/// <summary>
/// One ACL line (or one anonymous ACL): a sample expression and its compiled patterns. True when any value of the
/// fetch, after the converters, matches any pattern.
/// </summary>
public sealed class AclExpression(SampleExpression expression, PatternMatcher matcher) : ISampleVisitor
{
    public SampleExpression Expression { get; } = expression;

    public PatternMatcher Matcher { get; } = matcher;

    public bool Matches(in SampleContext context) => Expression.Fetch.VisitAll(context, this);

    bool ISampleVisitor.Visit(Sample sample)
    {
        if (Expression.Converters.Count == 0)
        {
            return Matcher.Matches(sample);
        }

        return Expression.TryConvert(sample, out var converted) && Matcher.Matches(converted);
    }

    public override string ToString() => $"{Expression} -m {Matcher.Kind.ToString().ToLowerInvariant()}";
}
