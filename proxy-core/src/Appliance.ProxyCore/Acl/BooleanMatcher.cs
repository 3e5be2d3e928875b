namespace Appliance.ProxyCore.Acl;

/// <summary><c>-m bool</c>: true for a true boolean or a non-zero integer (and, leniently, for non-empty text).</summary>
public sealed class BooleanMatcher : PatternMatcher
{
    public override MatchKind Kind => MatchKind.Bool;

    public override int PatternCount => 0;

    public override bool Matches(Sample sample) => sample.Type == SampleType.String ? !sample.Text.IsEmpty : sample.Number != 0;
}
