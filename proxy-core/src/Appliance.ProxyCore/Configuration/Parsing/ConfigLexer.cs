using System.Globalization;
using System.Text;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Splits one physical line into words with HAProxy's rules: spaces and tabs separate words; <c>#</c> starts a comment
/// unless quoted or escaped; outside single quotes a backslash escapes <c>space # \ ' "</c>, and <c>\t \n \r \xNN</c>
/// produce control characters (any other escape, such as <c>\.</c> in a regex, is kept as written); single quotes are
/// literal; double quotes allow escapes and <c>$VAR</c>, <c>${VAR}</c> and <c>${VAR-default}</c>. Quoted parts join
/// the text next to them into one word, and <c>""</c> is an empty word.
/// </summary>
internal static class ConfigLexer
{
    public static LexResult Lex(string line, Func<string, string?> environment)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var quote = '\0';
        var quoteColumn = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (quote == '\0' && (c == ' ' || c == '\t'))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                i++;
                continue;
            }

            if (quote == '\0' && c == '#')
            {
                break;
            }

            inWord = true;
            if (c == '\'' && quote != '"')
            {
                quote = quote == '\'' ? '\0' : '\'';
                quoteColumn = i + 1;
                i++;
                continue;
            }

            if (c == '"' && quote != '\'')
            {
                quote = quote == '"' ? '\0' : '"';
                quoteColumn = i + 1;
                i++;
                continue;
            }

            if (c == '\\' && quote != '\'' && i + 1 < line.Length)
            {
                var error = ReadEscape(line, ref i, word);
                if (error is not null)
                {
                    return new LexResult([], error);
                }

                continue;
            }

            if (c == '$' && quote == '"' && i + 1 < line.Length)
            {
                var error = ReadVariable(line, ref i, word, environment);
                if (error is not null)
                {
                    return new LexResult([], error);
                }

                continue;
            }

            word.Append(c);
            i++;
        }

        if (quote != '\0')
        {
            return new LexResult([], ConfigMessages.UnmatchedQuote(quote, quoteColumn));
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return new LexResult(words, null);
    }

    private static string? ReadEscape(string line, ref int i, StringBuilder word)
    {
        var next = line[i + 1];
        switch (next)
        {
            case ' ' or '#' or '\\' or '\'' or '"':
                word.Append(next);
                i += 2;
                return null;
            case 't':
                word.Append('\t');
                i += 2;
                return null;
            case 'n':
                word.Append('\n');
                i += 2;
                return null;
            case 'r':
                word.Append('\r');
                i += 2;
                return null;
            case 'x':
                if (i + 3 < line.Length
                    && byte.TryParse(line.AsSpan(i + 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
                {
                    // HAProxy works on bytes; a byte maps to the Latin-1 character of the same value.
                    word.Append((char)value);
                    i += 4;
                    return null;
                }

                return ConfigMessages.InvalidHexEscape(i + 1);
            default:
                // Unknown escapes stay verbatim: regexes such as '\.' or '\d' must reach the regex engine unchanged.
                word.Append('\\').Append(next);
                i += 2;
                return null;
        }
    }

    private static string? ReadVariable(string line, ref int i, StringBuilder word, Func<string, string?> environment)
    {
        var start = i;
        if (line[i + 1] == '{')
        {
            var close = line.IndexOf('}', i + 2);
            if (close < 0)
            {
                return ConfigMessages.UnclosedVariable(start + 1);
            }

            var body = line[(i + 2)..close];
            var dash = body.IndexOf('-');
            var name = dash < 0 ? body : body[..dash];
            var value = environment(name);
            word.Append(value ?? (dash < 0 ? string.Empty : body[(dash + 1)..]));
            i = close + 1;
            return null;
        }

        var end = i + 1;
        while (end < line.Length && (char.IsAsciiLetterOrDigit(line[end]) || line[end] == '_'))
        {
            end++;
        }

        if (end == i + 1)
        {
            // A lone '$' (e.g. the end of a regex) is literal.
            word.Append('$');
            i++;
            return null;
        }

        word.Append(environment(line[(i + 1)..end]) ?? string.Empty);
        i = end;
        return null;
    }
}
