namespace Appliance.ProxyCore.Acl;

/// <summary>
/// <c>-m str|beg|end|sub|dom|dir</c>, case-sensitive unless <c>-i</c>. Exact matching looks the value up in a hash set
/// (pattern files may hold thousands of entries); the others scan the patterns. No value is copied or lowered.
/// </summary>
public sealed class StringMatcher : PatternMatcher
{
    private readonly string[] _patterns;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _exact;
    private readonly StringComparison _comparison;

    public StringMatcher(MatchKind kind, IReadOnlyList<string> patterns, bool ignoreCase)
    {
        if (kind is not (MatchKind.Str or MatchKind.Beg or MatchKind.End or MatchKind.Sub or MatchKind.Dom or MatchKind.Dir))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a string matching method");
        }

        Kind = kind;
        IgnoreCase = ignoreCase;
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        // dom and dir compare whole labels or segments, so the pattern's own outer delimiters do not count.
        _patterns = kind switch
        {
            MatchKind.Dom => [.. patterns.Select(p => p.Trim(DomainDelimiterChars))],
            MatchKind.Dir => [.. patterns.Select(p => p.Trim(DirectoryDelimiterChars))],
            _ => [.. patterns],
        };
        _exact = new HashSet<string>(_patterns, ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static readonly char[] DomainDelimiterChars = ['/', '?', '.', ':'];

    private static readonly char[] DirectoryDelimiterChars = ['/', '?'];

    private static ReadOnlySpan<char> DomainDelimiters => "/?.:";

    private static ReadOnlySpan<char> DirectoryDelimiters => "/?";

    public override MatchKind Kind { get; }

    public bool IgnoreCase { get; }

    public override int PatternCount => _patterns.Length;

    public IReadOnlyList<string> Patterns => _patterns;

    public override bool Matches(Sample sample)
    {
        Span<char> buffer = stackalloc char[64];
        var text = sample.AsText(buffer);
        if (Kind == MatchKind.Str)
        {
            return _exact.Contains(text);
        }

        foreach (var pattern in _patterns)
        {
            var hit = Kind switch
            {
                MatchKind.Beg => text.StartsWith(pattern, _comparison),
                MatchKind.End => text.EndsWith(pattern, _comparison),
                MatchKind.Sub => text.Contains(pattern, _comparison),
                MatchKind.Dom => ContainsWord(text, pattern, DomainDelimiters),
                _ => ContainsWord(text, pattern, DirectoryDelimiters),
            };
            if (hit)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="word"/> occurs with a delimiter (or an end of the text) on both sides.</summary>
    private bool ContainsWord(ReadOnlySpan<char> text, string word, ReadOnlySpan<char> delimiters)
    {
        if (word.Length == 0)
        {
            return false;
        }

        var offset = 0;
        while (offset <= text.Length - word.Length)
        {
            var found = text[offset..].IndexOf(word, _comparison);
            if (found < 0)
            {
                return false;
            }

            var start = offset + found;
            var end = start + word.Length;
            if ((start == 0 || delimiters.Contains(text[start - 1])) && (end == text.Length || delimiters.Contains(text[end])))
            {
                return true;
            }

            offset = start + 1;
        }

        return false;
    }
}
