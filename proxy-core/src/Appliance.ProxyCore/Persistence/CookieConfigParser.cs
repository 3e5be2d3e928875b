using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Configuration.Parsing;

namespace Appliance.ProxyCore.Persistence;

/// <summary>
/// Parses a proxy's <c>cookie</c> line (kept by the section parser) into a <see cref="CookieConfig"/>, reporting every
/// problem. Used by validation (so <c>appliance check</c> reports it) and by the runtime, so both read it the same way.
/// </summary>
public static class CookieConfigParser
{
    private static readonly string[] Words =
        ["rewrite", "insert", "prefix", "indirect", "nocache", "postonly", "preserve", "httponly", "secure", "domain", "maxidle", "maxlife", "dynamic", "attr"];

    /// <summary>The proxy's cookie configuration (the last <c>cookie</c> line wins, as in HAProxy), or null.</summary>
    public static CookieConfig? Parse(ProxyConfig proxy, DiagnosticBag? bag = null)
    {
        ConfigLine? line = null;
        foreach (var candidate in proxy.DeferredLines)
        {
            if (candidate.Keyword == "cookie")
            {
                line = candidate;
            }
        }

        return line is null ? null : Parse(line, ConfigMessages.InSection(proxy.Kind, proxy.Name), bag ?? new DiagnosticBag());
    }

    private static CookieConfig? Parse(ConfigLine line, string where, DiagnosticBag bag)
    {
        var args = line.Arguments;
        if (args.Count == 0)
        {
            bag.Error(line.Location, ConfigMessages.CookieMissingName(where));
            return null;
        }

        var config = new CookieConfig(args[0], CookieMode.Passive, line.Location);
        var domains = new List<string>();
        var attributes = new List<string>();
        var valid = true;
        for (var i = 1; i < args.Count; i++)
        {
            var word = args[i];
            switch (word)
            {
                case "rewrite" or "insert" or "prefix":
                    if (config.Mode != CookieMode.Passive)
                    {
                        bag.Error(line.Location, ConfigMessages.CookieTwoModes(where, config.Mode.ToString().ToLowerInvariant(), word));
                        valid = false;
                    }

                    config = config with { Mode = word switch { "insert" => CookieMode.Insert, "rewrite" => CookieMode.Rewrite, _ => CookieMode.Prefix } };
                    break;
                case "indirect": config = config with { Indirect = true }; break;
                case "nocache": config = config with { NoCache = true }; break;
                case "postonly": config = config with { PostOnly = true }; break;
                case "preserve": config = config with { Preserve = true }; break;
                case "httponly": config = config with { HttpOnly = true }; break;
                case "secure": config = config with { Secure = true }; break;
                case "dynamic":
                    bag.Error(line.Location, ConfigMessages.CookieDynamicUnsupported(where));
                    valid = false;
                    break;
                case "domain" or "attr" or "maxidle" or "maxlife":
                    if (i + 1 >= args.Count)
                    {
                        bag.Error(line.Location, ConfigMessages.CookieMissingValue(where, word));
                        valid = false;
                        break;
                    }

                    var value = args[++i];
                    if (word == "domain")
                    {
                        domains.Add(value);
                    }
                    else if (word == "attr")
                    {
                        attributes.Add(value);
                    }
                    else if (TimeParser.TryParse(value, out var time) != TimeParseStatus.Ok)
                    {
                        bag.Error(line.Location, ConfigMessages.CookieBadTime(where, word, value));
                        valid = false;
                    }
                    else
                    {
                        config = word == "maxidle" ? config with { MaxIdle = time } : config with { MaxLife = time };
                    }

                    break;
                default:
                    bag.Error(line.Location, ConfigMessages.CookieUnknownWord(where, word, NearestMatch.Find(word, Words)));
                    valid = false;
                    break;
            }
        }

        if ((config.MaxIdle is not null || config.MaxLife is not null || config.PostOnly) && config.Mode != CookieMode.Insert)
        {
            bag.Error(line.Location, ConfigMessages.CookieNeedsInsert(where));
            valid = false;
        }

        return valid ? config with { Domains = domains, Attributes = attributes } : null;
    }
}
