using System.Text.RegularExpressions;

namespace Appliance.ProxyCore.Acl;

/// <summary>
/// <c>-m reg</c>: any of the regexes matches somewhere in the text (HAProxy's regexes are unanchored unless written
/// with <c>^</c>/<c>$</c>). Each regex is compiled once, NonBacktracking when the pattern allows it so that a hostile
/// path cannot make matching super-linear, else with RegexOptions.Compiled (back-references and look-arounds).
/// </summary>
public sealed class RegexMatcher(IReadOnlyList<Regex> regexes) : PatternMatcher
{
    private readonly Regex[] _regexes = [.. regexes];

    public override MatchKind Kind => MatchKind.Reg;

    public override int PatternCount => _regexes.Length;

    public IReadOnlyList<Regex> Regexes => _regexes;

    public override bool Matches(Sample sample)
    {
        Span<char> buffer = stackalloc char[64];
        var text = sample.AsText(buffer);
        foreach (var regex in _regexes)
        {
            if (regex.IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Compiles <paramref name="pattern"/>; returns null and the engine's reason when it is not a valid regex.
    /// <paramref name="ignoreCase"/> is <c>-i</c>.
    /// </summary>
    public static Regex? TryCompile(string pattern, bool ignoreCase, out string? error)
    {
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        error = null;
        try
        {
            return new Regex(pattern, options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            // The pattern uses a construct NonBacktracking lacks; the backtracking engine accepts it.
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }

        try
        {
            return new Regex(pattern, options | RegexOptions.Compiled);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }
}
