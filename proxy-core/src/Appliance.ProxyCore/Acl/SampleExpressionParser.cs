using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Acl;

/// <summary>
/// Parses <c>FETCH[(ARGS)][,CONVERTER[(ARGS)]...]</c>, the text of <c>%[...]</c> in log formats and of an ACL's fetch.
/// Errors name <c>subject</c> (e.g. <c>ACL 'api' in frontend 'f'</c>).
/// </summary>
internal static class SampleExpressionParser
{
    private static readonly string[] ConverterNames = ["lower", "upper", "base64"];

    /// <summary>
    /// Parses <paramref name="text"/>. An ACL keyword may be a shorthand (<c>path_beg</c>); its implied matching method
    /// is returned in <paramref name="implied"/> (null for plain fetches).
    /// </summary>
    public static SampleExpression? Parse(string text, string subject, bool allowShorthand, out MatchKind? implied, out string? error)
    {
        implied = null;
        var parts = SplitTopLevel(text);
        if (parts is null)
        {
            error = ConfigMessages.UnbalancedParenthesis(subject, text);
            return null;
        }

        var (name, arguments) = SplitCall(parts[0]);
        var fetchName = name;
        if (allowShorthand)
        {
            (fetchName, implied) = FetchCatalog.ResolveAclKeyword(name);
        }
        else if (!FetchCatalog.IsKnown(name))
        {
            error = ConfigMessages.UnknownFetch(subject, name, Configuration.Parsing.NearestMatch.Find(name, FetchCatalog.FetchNames));
            return null;
        }

        var fetch = FetchCatalog.Create(fetchName, arguments, parts[0], subject, out error);
        if (fetch is null)
        {
            return null;
        }

        var converters = new List<SampleConverter>();
        foreach (var part in parts.Skip(1))
        {
            var (converter, converterArguments) = SplitCall(part);
            SampleConverter? created = converter switch
            {
                "lower" => new CaseConverter(upper: false),
                "upper" => new CaseConverter(upper: true),
                "base64" => new Base64Converter(),
                _ => null,
            };
            if (created is null)
            {
                error = ConfigMessages.UnknownConverter(subject, converter, ConverterNames, Configuration.Parsing.NearestMatch.Find(converter, ConverterNames));
                return null;
            }

            if (converterArguments is not null)
            {
                error = ConfigMessages.ConverterTakesNoArgument(subject, converter, converterArguments);
                return null;
            }

            converters.Add(created);
        }

        return new SampleExpression(fetch, converters);
    }

    /// <summary><c>name(args)</c> into its name and the text between the parentheses (null without parentheses).</summary>
    private static (string Name, string? Arguments) SplitCall(string text)
    {
        var open = text.IndexOf('(');
        return open < 0 ? (text, null) : (text[..open], text[(open + 1)..^1]);
    }

    /// <summary>Splits at commas outside parentheses; null when parentheses do not balance or text follows a ')'.</summary>
    private static List<string>? SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    if (--depth < 0 || (i + 1 < text.Length && text[i + 1] != ','))
                    {
                        return null;
                    }

                    break;
                case ',' when depth == 0:
                    parts.Add(text[start..i]);
                    start = i + 1;
                    break;
            }
        }

        if (depth != 0)
        {
            return null;
        }

        parts.Add(text[start..]);
        return parts;
    }
}
