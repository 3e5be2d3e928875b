using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// Parses <c>http-request ACTION ...</c>, <c>http-response ACTION ...</c> and <c>redirect ...</c> lines into
/// <see cref="HttpRule"/>s. HAProxy actions this build does not implement are an error that says so and lists the
/// supported ones; unknown words get the nearest action as a hint.
/// </summary>
internal static class HttpRuleParser
{
    public static readonly string[] RequestActions =
        ["add-header", "allow", "auth", "del-header", "deny", "redirect", "replace-header", "replace-path", "return", "set-header", "set-path", "use-service"];

    public static readonly string[] ResponseActions = ["add-header", "allow", "del-header", "deny", "replace-header", "set-header", "set-status"];

    /// <summary>
    /// HAProxy 2.6 action names (both directions) that are not in the supported list of the direction at hand, so they
    /// get "not supported yet" rather than "unknown" (e.g. <c>http-response return</c>, <c>http-request tarpit</c>).
    /// </summary>
    private static readonly string[] KnownActions =
    [
        "add-acl", "cache-store", "cache-use", "capture", "del-acl", "del-map", "disable-l7-retry", "do-resolve", "early-hint",
        "normalize-uri", "reject", "replace-pathq", "replace-uri", "replace-value", "sc-inc-gpc", "sc-inc-gpc0", "sc-inc-gpc1",
        "sc-set-gpt", "sc-set-gpt0", "send-spoe-group", "set-dst", "set-dst-port", "set-log-level", "set-map", "set-mark",
        "set-method", "set-nice", "set-pathq", "set-priority-class", "set-priority-offset", "set-query", "set-src",
        "set-src-port", "set-timeout", "set-tos", "set-uri", "set-var", "set-var-fmt", "silent-drop", "strict-mode", "tarpit",
        "track-sc0", "track-sc1", "track-sc2", "unset-var", "use-service", "wait-for-body", "wait-for-handshake", "ot-group",
        "return", "redirect", "auth", "set-path", "replace-path", "set-status",
    ];

    private static readonly string[] DelHeaderMethods = ["str", "beg", "end", "sub", "reg"];

    /// <summary>A <c>redirect</c> line (the words after the keyword are the redirect's).</summary>
    public static HttpRule? ParseRedirect(RuleParseContext context)
    {
        var subject = ConfigMessages.RuleSubject("redirect", context.Where);
        var action = RedirectParser.Parse(context, 0, subject, out var next);
        return action is not null && context.TryCondition(next, subject, out var condition)
            ? new HttpRule("redirect", action, condition, context.Location)
            : null;
    }

    /// <summary>An <c>http-request</c> (<paramref name="response"/> false) or <c>http-response</c> line.</summary>
    public static HttpRule? Parse(RuleParseContext context, bool response)
    {
        var keyword = context.Line.Keyword;
        var supported = response ? ResponseActions : RequestActions;
        if (context.Words.Count == 0)
        {
            context.Error(ConfigMessages.RuleWithoutAction(keyword, context.Where, supported));
            return null;
        }

        var name = context.Words[0];
        var paren = name.IndexOf('(');
        var baseName = paren < 0 ? name : name[..paren];
        if (Array.IndexOf(supported, name) < 0)
        {
            context.Error(Array.IndexOf(KnownActions, baseName) >= 0 || baseName.StartsWith("track-sc", StringComparison.Ordinal)
                ? ConfigMessages.UnsupportedRuleAction(keyword, context.Where, name, supported)
                : ConfigMessages.UnknownRuleAction(keyword, context.Where, name, supported, Configuration.Parsing.NearestMatch.Find(name, supported)));
            return null;
        }

        var subject = ConfigMessages.RuleSubject($"{keyword} {name}", context.Where);
        var action = ParseAction(context, name, subject, out var next);
        if (action is null)
        {
            return null;
        }

        if (!context.AtConditionOrEnd(next))
        {
            context.Error(ConfigMessages.ExpectsIfOrUnless(subject, context.Words[next]));
            return null;
        }

        return context.TryCondition(next, subject, out var condition) ? new HttpRule(keyword, action, condition, context.Location) : null;
    }

    private static HttpAction? ParseAction(RuleParseContext context, string name, string subject, out int next)
    {
        var words = context.Words;
        next = 1;
        switch (name)
        {
            case "allow":
                return new AllowAction();
            case "deny" or "return":
                return ReplyParser.Parse(context, name, 1, subject, out next);
            case "redirect":
                return RedirectParser.Parse(context, 1, subject, out next);
            case "auth":
                if (words.Count > 1 && words[1] == "realm")
                {
                    if (context.AtConditionOrEnd(2))
                    {
                        context.Error(ConfigMessages.RuleOptionWithoutValue(subject, "realm", "a realm name"));
                        return null;
                    }

                    next = 3;
                    return new AuthAction(words[2]);
                }

                return new AuthAction(context.ProxyName);
            case "add-header" or "set-header":
                if (!Arguments(context, subject, 2, "a header name and a value", out next))
                {
                    return null;
                }

                var value = context.Format(words[2], subject);
                return value is null ? null : name == "add-header" ? new AddHeaderAction(words[1], value) : new SetHeaderAction(words[1], value);
            case "del-header":
                return DeleteHeader(context, subject, out next);
            case "use-service":
                return UseService(context, subject, out next);
            case "replace-header":
                return ReplaceHeader(context, subject, out next);
            case "set-path":
                if (!Arguments(context, subject, 1, "a path (log-format)", out next))
                {
                    return null;
                }

                return context.Format(words[1], subject) is { } path ? new SetPathAction(path) : null;
            case "replace-path":
                if (!Arguments(context, subject, 2, "a regex and a replacement", out next))
                {
                    return null;
                }

                var pathRegex = Regex(context, words[1], subject);
                var pathReplacement = context.Format(words[2], subject);
                return pathRegex is null || pathReplacement is null ? null : new ReplacePathAction(pathRegex, pathReplacement);
            default: // "set-status"
                return SetStatus(context, subject, out next);
        }
    }

    /// <summary>Checks that <paramref name="count"/> arguments follow the action before any condition.</summary>
    private static bool Arguments(RuleParseContext context, string subject, int count, string expected, out int next)
    {
        next = 1 + count;
        for (var i = 1; i <= count; i++)
        {
            if (context.AtConditionOrEnd(i))
            {
                context.Error(ConfigMessages.RuleArguments(subject, expected, [.. context.Words.Skip(1).Take(i - 1)]));
                return false;
            }
        }

        return true;
    }

    private static DeleteHeaderAction? DeleteHeader(RuleParseContext context, string subject, out int next)
    {
        if (!Arguments(context, subject, 1, "a header name", out next))
        {
            return null;
        }

        var words = context.Words;
        if (next >= words.Count || words[next] != "-m")
        {
            return new DeleteHeaderAction(words[1], MatchKind.Str, null);
        }

        var method = next + 1 < words.Count ? words[next + 1] : "";
        next += 2;
        if (Array.IndexOf(DelHeaderMethods, method) < 0)
        {
            context.Error(ConfigMessages.AclUnknownMethod(subject, method, DelHeaderMethods, Configuration.Parsing.NearestMatch.Find(method, DelHeaderMethods)));
            return null;
        }

        var kind = MatcherFactory.ParseMethod(method)!.Value;
        if (kind != MatchKind.Reg)
        {
            return new DeleteHeaderAction(words[1], kind, null);
        }

        // Header names are case-insensitive, so the name regex is too.
        var regex = RegexMatcher.TryCompile(words[1], ignoreCase: true, out var error);
        if (regex is null)
        {
            context.Error(ConfigMessages.AclBadRegex(subject, words[1], error!));
            return null;
        }

        return new DeleteHeaderAction(words[1], kind, regex);
    }

    private static UseServiceAction? UseService(RuleParseContext context, string subject, out int next)
    {
        if (!Arguments(context, subject, 1, "a service name", out next))
        {
            return null;
        }

        var service = context.Words[1];
        if (Array.IndexOf(UseServiceAction.Services, service) < 0)
        {
            context.Error(ConfigMessages.RuleUnknownService(subject, service, UseServiceAction.Services, Configuration.Parsing.NearestMatch.Find(service, UseServiceAction.Services)));
            return null;
        }

        return new UseServiceAction(service);
    }

    private static ReplaceHeaderAction? ReplaceHeader(RuleParseContext context, string subject, out int next)
    {
        if (!Arguments(context, subject, 3, "a header name, a regex and a replacement", out next))
        {
            return null;
        }

        var words = context.Words;
        var regex = Regex(context, words[2], subject);
        var replacement = context.Format(words[3], subject);
        return regex is null || replacement is null ? null : new ReplaceHeaderAction(words[1], regex, replacement);
    }

    private static SetStatusAction? SetStatus(RuleParseContext context, string subject, out int next)
    {
        if (!Arguments(context, subject, 1, "a status code", out next))
        {
            return null;
        }

        var words = context.Words;
        if (!int.TryParse(words[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status)
            || status is < 100 or > 999)
        {
            context.Error(ConfigMessages.RuleBadStatus(subject, "set-status", words[1], 100, 999));
            return null;
        }

        string? reason = null;
        if (next < words.Count && words[next] == "reason")
        {
            if (context.AtConditionOrEnd(next + 1))
            {
                context.Error(ConfigMessages.RuleOptionWithoutValue(subject, "reason", "a reason phrase"));
                return null;
            }

            reason = words[next + 1];
            next += 2;
        }

        return new SetStatusAction(status, reason);
    }

    /// <summary>A case-sensitive regex (HAProxy matches header values and paths case-sensitively).</summary>
    private static System.Text.RegularExpressions.Regex? Regex(RuleParseContext context, string pattern, string subject)
    {
        var regex = RegexMatcher.TryCompile(pattern, ignoreCase: false, out var error);
        if (regex is null)
        {
            context.Error(ConfigMessages.AclBadRegex(subject, pattern, error!));
        }

        return regex;
    }
}
