using System.Text;
using System.Text.RegularExpressions;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// The replacement of <c>replace-header</c> and <c>replace-path</c>: when the regex matches, the whole value becomes
/// the rendered template with <c>\0</c>..<c>\9</c> replaced by the match's groups (HAProxy's back-references).
/// Templates without back-references use <see cref="Regex.IsMatch(ReadOnlySpan{char})"/>, which allocates nothing.
/// </summary>
internal static class RegexReplacement
{
    public static bool HasBackReference(string template)
    {
        for (var i = 0; i + 1 < template.Length; i++)
        {
            if (template[i] == '\\' && char.IsAsciiDigit(template[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Appends <paramref name="template"/> to <paramref name="output"/> with back-references expanded from <paramref name="match"/>.</summary>
    public static void Expand(Match match, ReadOnlySpan<char> template, StringBuilder output)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '\\' && i + 1 < template.Length && char.IsAsciiDigit(template[i + 1]))
            {
                var group = match.Groups[template[i + 1] - '0'];
                if (group.Success)
                {
                    output.Append(group.ValueSpan);
                }

                i++;
                continue;
            }

            output.Append(c);
        }
    }
}
