namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// Messages of ACLs, sample expressions and conditions. <c>subject</c> names what is being parsed with its section,
/// e.g. <c>ACL 'api' in frontend 'f'</c> or <c>'use_backend' in frontend 'f'</c>.
/// </summary>
internal static partial class ConfigMessages
{
    public static string AclSubject(string name, string where) => $"ACL '{name}' {where}";

    public static string AnonymousAcl(string subject, string text) => $"anonymous ACL '{text}' of {subject}";

    public static string RuleSubject(string keyword, string where) => $"'{keyword}' {where}";

    public static string AclBadName(string where, string name) =>
        $"'acl' {where} has an invalid name '{name}' (allowed: letters, digits, '-', '_', '.', ':')";

    public static string AclWithoutFetch(string subject) => $"{subject} expects a fetch such as 'path_beg' followed by flags and values (got nothing)";

    public static string UnknownFetch(string subject, string fetch, string? hint) =>
        $"{subject} uses unknown fetch '{fetch}' (docs/configuration.md lists the supported fetches){Hint(hint)}";

    public static string FetchArgument(string subject, string fetch, string expected, string got) =>
        $"{subject}: '{fetch}' expects {expected} (got '{got}')";

    public static string FetchTakesNoArgument(string subject, string fetch, string got) =>
        $"{subject}: '{fetch}' takes no argument (got '({got})')";

    public static string UnbalancedParenthesis(string subject, string text) =>
        $"{subject} has unbalanced parentheses in '{text}' (expects 'fetch(args),converter', e.g. 'req.hdr(host),lower')";

    public static string UnknownConverter(string subject, string name, IEnumerable<string> known, string? hint) =>
        $"{subject} uses unknown converter '{name}', expects one of {Quote(known)}{Hint(hint)}";

    public static string ConverterTakesNoArgument(string subject, string converter, string got) =>
        $"{subject}: converter '{converter}' takes no argument (got '({got})')";

    public static string AclFlagWithoutValue(string subject, string flag, string expected) => $"{subject}: '{flag}' expects {expected} (got nothing)";

    public static string AclUnknownMethod(string subject, string got, IEnumerable<string> known, string? hint) =>
        $"{subject}: '-m' expects one of {Quote(known)} (got '{got}'){Hint(hint)}";

    public static string AclUnknownFlag(string subject, string flag) =>
        $"{subject} has unknown flag '{flag}' (expects '-i', '-m METHOD', '-f FILE', '-n' or '--'); to match a value that starts with '-', put '--' before it";

    public static string AclPatternFile(string subject, string file, string reason) => $"{subject} cannot read pattern file '{file}': {reason}";

    public static string AclMethodTakesNoPattern(string subject, string method, string got) =>
        $"{subject}: '-m {method}' takes no pattern (got '{got}')";

    public static string AclBadRegex(string subject, string regex, string reason) => $"{subject} has an invalid regex '{regex}': {reason}";

    public static string AclBadInteger(string subject, string got) =>
        $"{subject} expects an integer, a range such as '80:90', or 'eq|ge|gt|le|lt N' (got '{got}')";

    public static string AclBadAddress(string subject, string got) =>
        $"{subject} expects an IPv4 or IPv6 address or network such as '10.0.0.0/8' or '2001:db8::/32' (got '{got}'); host names are not resolved";

    public static string AclWithoutPatterns(string subject, string fetch) =>
        $"{subject}: '{fetch}' has no value to match, so it never matches; use '-m found' to test for presence, or add '--' if this is intended";

    // Conditions.
    public static string ExpectsIfOrUnless(string subject, string got) =>
        $"{subject} expects 'if' or 'unless' followed by a condition (got '{got}')";

    public static string ConditionEmpty(string subject, string keyword) => $"{subject}: '{keyword}' expects a condition (got nothing)";

    public static string ConditionMissingTerm(string subject, string op) => $"{subject}: '{op}' expects an ACL after it";

    public static string ConditionUnclosedBrace(string subject) => $"{subject}: anonymous ACL opened with '{{' is never closed with '}}'";

    public static string ConditionBraceNotSeparate(string subject, string got) =>
        $"{subject}: '{got}' is not an ACL name; braces of an anonymous ACL are separate words, as in '{{ ssl_fc }}'";

    public static string ConditionUnknownAcl(string subject, string name, SourceLocation? declaredLater, string? hint) => declaredLater is { } later
        ? $"{subject} uses ACL '{name}' before it is declared (at {later}); move the 'acl' line above this one"
        : $"{subject} uses ACL '{name}', which is not declared in this section{Hint(hint)}";

    public static string ConditionUnsupportedPredefinedAcl(string subject, string name) =>
        $"{subject} uses predefined ACL '{name}', which this build does not support (it needs content inspection)";
}
