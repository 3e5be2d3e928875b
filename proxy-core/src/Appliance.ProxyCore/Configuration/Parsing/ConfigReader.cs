namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// The first stages: physical lines through the lexer, the conditional blocks and the section splitter. The global
/// environment keywords (<c>setenv</c>, ...) take effect here, so that the lines after them see their variables.
/// </summary>
internal static class ConfigReader
{
    public static IReadOnlyList<ConfigSection> Read(string text, string fileName, Func<string, string?> environment, DiagnosticBag bag)
    {
        var overlay = new EnvironmentOverlay(environment);
        var conditions = new ConditionalBlockProcessor(bag, overlay.Lookup);
        var splitter = new SectionSplitter(bag);
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var location = new SourceLocation(fileName, index + 1);
            var lexed = ConfigLexer.Lex(lines[index].TrimEnd('\r'), overlay.Lookup);
            if (lexed.Error is not null)
            {
                bag.Error(location, lexed.Error);
                continue;
            }

            if (lexed.Words.Count == 0 || !conditions.Accept(lexed.Words, location))
            {
                continue;
            }

            splitter.Add(lexed.Words, location);
            if (splitter.CurrentSection == SectionKeywords.Global)
            {
                ApplyEnvironmentKeyword(lexed.Words, overlay);
            }
        }

        conditions.Finish();
        return splitter.Finish();
    }

    private static void ApplyEnvironmentKeyword(IReadOnlyList<string> words, EnvironmentOverlay overlay)
    {
        switch (words[0])
        {
            case "setenv" when words.Count == 3:
                overlay.Set(words[1], words[2], overwrite: true);
                break;
            case "presetenv" when words.Count == 3:
                overlay.Set(words[1], words[2], overwrite: false);
                break;
            case "unsetenv":
                foreach (var name in words.Skip(1))
                {
                    overlay.Unset(name);
                }

                break;
            case "resetenv":
                overlay.Reset(words.Skip(1));
                break;
        }
    }
}
