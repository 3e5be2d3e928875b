using System.Globalization;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// <c>location|prefix|scheme TARGET [code N] [drop-query] [append-slash] [set-cookie NAME[=VAL]] [clear-cookie NAME]</c>,
/// the words of <c>redirect</c> and of <c>http-request redirect</c>; TARGET is a log-format string.
/// </summary>
internal static class RedirectParser
{
    private static readonly string[] Options = ["code", "drop-query", "append-slash", "set-cookie", "clear-cookie"];

    private static readonly int[] Codes = [301, 302, 303, 307, 308];

    /// <summary>Parses from <paramref name="start"/>; <paramref name="next"/> is the index after the options (a condition or the end).</summary>
    public static RedirectAction? Parse(RuleParseContext context, int start, string subject, out int next)
    {
        var words = context.Words;
        next = words.Count;
        var kindWord = start < words.Count ? words[start] : null;
        RedirectKind? kind = kindWord switch
        {
            "location" => RedirectKind.Location,
            "prefix" => RedirectKind.Prefix,
            "scheme" => RedirectKind.Scheme,
            _ => null,
        };
        if (kind is null || start + 1 >= words.Count || context.AtConditionOrEnd(start + 1))
        {
            context.Error(ConfigMessages.RedirectExpectsKind(subject, kind is null ? kindWord : null));
            return null;
        }

        var target = context.Format(words[start + 1], subject);
        var code = 302;
        bool dropQuery = false, appendSlash = false;
        string? setCookie = null, clearCookie = null;
        var i = start + 2;
        for (; !context.AtConditionOrEnd(i); i++)
        {
            var option = words[i];
            switch (option)
            {
                case "drop-query":
                    dropQuery = true;
                    continue;
                case "append-slash":
                    appendSlash = true;
                    continue;
                case "code" or "set-cookie" or "clear-cookie":
                    if (context.AtConditionOrEnd(i + 1))
                    {
                        context.Error(ConfigMessages.RuleOptionWithoutValue(subject, option, option == "code" ? "a status code" : "a cookie name"));
                        return null;
                    }

                    var value = words[++i];
                    if (option == "set-cookie")
                    {
                        setCookie = value;
                    }
                    else if (option == "clear-cookie")
                    {
                        clearCookie = value;
                    }
                    else if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out code) || Array.IndexOf(Codes, code) < 0)
                    {
                        context.Error(ConfigMessages.RedirectBadCode(subject, value));
                        return null;
                    }

                    continue;
                default:
                    context.Error(ConfigMessages.RuleUnknownOption(subject, option, Options, Configuration.Parsing.NearestMatch.Find(option, Options)));
                    return null;
            }
        }

        next = i;
        return target is null ? null : new RedirectAction(kind.Value, target, code, dropQuery, appendSlash, setCookie, clearCookie);
    }
}
