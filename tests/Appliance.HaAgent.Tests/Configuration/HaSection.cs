using System.Text;
using Appliance.HaAgent.Configuration;

namespace Appliance.HaAgent.Tests.Configuration;

/// <summary>Builds an <c>ha</c> section from text lines: line 1 of ha.cfg is <c>ha</c>, the given lines follow.</summary>
internal static class HaSection
{
    public const string File = "ha.cfg";

    public static readonly string[] Minimal = ["interface eth1", "virtual_router_id 51", "virtual_ipaddress 10.213.0.10/24"];

    public static HaConfigResult Parse(params string[] lines) =>
        HaConfigParser.Parse(
            new HaConfigLine("ha", [], File, 1),
            lines.Select((text, index) => Line(text, index + 2)).ToArray());

    /// <summary>Minimal section plus <paramref name="extra"/> lines (from line 5).</summary>
    public static HaConfigResult ParseWith(params string[] extra) => Parse([.. Minimal, .. extra]);

    public static HaConfig ParseValid(params string[] lines)
    {
        var result = Parse(lines);
        Assert.Empty(result.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()));
        return result.Config!;
    }

    private static HaConfigLine Line(string text, int number)
    {
        // Words split on spaces; double quotes group words, as the host's tokenizer does.
        var words = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var inWord = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return new HaConfigLine(words[0], words.Skip(1).ToArray(), File, number);
    }
}
