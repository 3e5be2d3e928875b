namespace Appliance.ProxyCore.Acl;

/// <summary>
/// The patterns of one ACL line, compiled for one matching method. <see cref="Matches"/> is true when the value
/// matches any pattern (patterns of a line OR together). Immutable and allocation-free.
/// </summary>
public abstract class PatternMatcher
{
    public abstract MatchKind Kind { get; }

    /// <summary>How many patterns were compiled (0 for <c>found</c> and <c>bool</c>).</summary>
    public abstract int PatternCount { get; }

    public abstract bool Matches(Sample sample);
}
