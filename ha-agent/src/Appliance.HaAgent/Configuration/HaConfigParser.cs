namespace Appliance.HaAgent.Configuration;

/// <summary>
/// Reads the <c>ha</c> section (docs/ha.md): every line is checked and every problem reported at once, each naming
/// file, line, keyword, what was expected and what was given.
/// </summary>
public static class HaConfigParser
{
    /// <summary>The keywords of the section, for completion and documentation checks.</summary>
    public static IReadOnlyCollection<string> Keywords => HaKeywords.All.Keys.ToArray();

    /// <summary>
    /// Parses the lines of one <c>ha</c> section. <paramref name="section"/> is the <c>ha</c> line itself: missing
    /// required keywords are reported there.
    /// </summary>
    public static HaConfigResult Parse(HaConfigLine section, IEnumerable<HaConfigLine> lines)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(lines);
        var builder = new HaConfigBuilder();
        var diagnostics = new List<HaDiagnostic>();
        foreach (var line in lines)
        {
            Read(line, builder, diagnostics);
        }

        HaConfigValidator.Validate(section, builder, diagnostics);
        return new HaConfigResult(diagnostics.Any(d => d.IsError) ? null : builder.Build(), diagnostics);
    }

    private static void Read(HaConfigLine line, HaConfigBuilder builder, List<HaDiagnostic> diagnostics)
    {
        if (!HaKeywords.All.TryGetValue(line.Keyword, out var keyword))
        {
            diagnostics.Add(HaDiagnostic.Error(
                line, HaConfigMessages.UnknownKeyword(line.Keyword, KeywordHints.For(line.Keyword, HaKeywords.All.Keys))));
            return;
        }

        if (line.Arguments.Contains("{"))
        {
            diagnostics.Add(HaDiagnostic.Error(line, HaConfigMessages.KeepalivedBlock(line.Keyword)));
            return;
        }

        if (!keyword.Repeatable && builder.MarkSeen(line) is { } first)
        {
            diagnostics.Add(HaDiagnostic.Error(line, HaConfigMessages.AlreadySet(line.Keyword, first)));
            return;
        }

        if (keyword.Repeatable)
        {
            builder.MarkSeen(line);
        }

        keyword.Read(line, builder, diagnostics);
    }
}
