using System.Globalization;

namespace Appliance.ProxyCore.Acl;

/// <summary>
/// <c>-m int</c> and <c>-m len</c>: the value (or, for len, the length of its text) lies in one of the ranges. Text
/// values are read as decimal integers for <c>int</c>; text that is not a number matches nothing.
/// </summary>
public sealed class IntegerMatcher(MatchKind kind, IReadOnlyList<IntegerRange> ranges) : PatternMatcher
{
    private readonly IntegerRange[] _ranges = [.. ranges];

    public override MatchKind Kind { get; } = kind;

    public override int PatternCount => _ranges.Length;

    public IReadOnlyList<IntegerRange> Ranges => _ranges;

    public override bool Matches(Sample sample)
    {
        long value;
        if (Kind == MatchKind.Len)
        {
            Span<char> buffer = stackalloc char[64];
            value = sample.AsText(buffer).Length;
        }
        else if (sample.Type != SampleType.String)
        {
            value = sample.Number;
        }
        else if (!long.TryParse(sample.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        foreach (var range in _ranges)
        {
            if (range.Contains(value))
            {
                return true;
            }
        }

        return false;
    }
}
