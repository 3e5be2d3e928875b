namespace Appliance.ProxyCore.Acl;

/// <summary><c>-m found</c>: any value matches; an absent one never reaches the matcher.</summary>
public sealed class FoundMatcher : PatternMatcher
{
    public override MatchKind Kind => MatchKind.Found;

    public override int PatternCount => 0;

    public override bool Matches(Sample sample) => true;
}
