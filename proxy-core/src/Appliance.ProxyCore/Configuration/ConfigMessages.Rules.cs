namespace Appliance.ProxyCore.Configuration;

/// <summary>Messages of log formats, HTTP rules, redirects, error files and <c>option forwardfor</c>.</summary>
internal static partial class ConfigMessages
{
    // Log formats.
    public static string LogFormatUnknownVariable(string subject, string name, string? hint) =>
        $"{subject}: no such log-format variable '%{name}' (write '%%' for a literal '%'){Hint(hint is null ? null : $"%{hint}")}";

    public static string LogFormatNoVariable(string subject, int column) =>
        $"{subject}: '%' at column {column} of the format is not followed by a variable; write '%%' for a literal '%'";

    public static string LogFormatUnclosed(string subject, string opener, char closer, int column) =>
        $"{subject}: '{opener}' at column {column} of the format is never closed with '{closer}'";

    public static string LogFormatBadFlag(string subject, string flag) =>
        $"{subject}: unknown log-format flag '{flag}' (expects '+Q', '+X' or '+E', or '-Q', '-X', '-E' to clear)";

    // HTTP rules.
    public static string RuleWithoutAction(string keyword, string where, IEnumerable<string> supported) =>
        $"'{keyword}' {where} expects an action, one of {Quote(supported)} (got nothing)";

    public static string UnknownRuleAction(string keyword, string where, string action, IEnumerable<string> supported, string? hint) =>
        $"'{keyword}' {where} has unknown action '{action}', expects one of {Quote(supported)}{Hint(hint)}";

    public static string UnsupportedRuleAction(string keyword, string where, string action, IEnumerable<string> supported) =>
        $"'{keyword} {action}' {where} is not supported yet; supported actions: {Quote(supported, "and")}";

    public static string RuleArguments(string subject, string expected, IReadOnlyList<string> got) =>
        $"{subject} expects {expected} (got {(got.Count == 0 ? "nothing" : $"'{string.Join(' ', got)}'")})";

    public static string RuleUnknownOption(string subject, string got, IEnumerable<string> options, string? hint) =>
        $"{subject} expects one of {Quote(options)}, or 'if'/'unless' and a condition (got '{got}'){Hint(hint)}";

    public static string RuleOptionWithoutValue(string subject, string option, string expected) =>
        $"{subject}: '{option}' expects {expected} (got nothing)";

    public static string RuleUnknownService(string subject, string got, IEnumerable<string> services, string? hint) =>
        $"{subject}: no such service '{got}', expects {Quote(services)}{Hint(hint)}";

    public static string RuleBadStatus(string subject, string option, string got, int min, int max) =>
        $"{subject}: '{option}' expects a status code from {min} to {max} (got '{got}')";

    public static string RuleStatusWithoutErrorPage(string subject, int status) =>
        $"{subject}: status {status} has no error page to send; add a body ('string', 'lf-string' or 'file') "
        + $"or use one of {string.Join(", ", Rules.ErrorFile.Codes)}";

    public static string RuleBodyFile(string subject, string file, string reason) => $"{subject} cannot read body file '{file}': {reason}";

    public static string RedirectExpectsKind(string subject, string? got) =>
        $"{subject} expects 'location', 'prefix' or 'scheme' followed by a target (got {(got is null ? "nothing" : $"'{got}'")})";

    public static string RedirectBadCode(string subject, string got) =>
        $"{subject}: 'code' expects one of 301, 302, 303, 307 or 308 (got '{got}')";

    public static string MisplacedRule(string keyword, string where, string earlier, SourceLocation earlierLocation) =>
        $"'{keyword}' {where} is placed after the '{earlier}' rule at {earlierLocation} but is processed before it; move it above to match the order of evaluation";

    public static string UnreachableRule(string keyword, string where, string final, SourceLocation finalLocation) =>
        $"'{keyword}' rule {where} is never evaluated: '{final}' at {finalLocation} has no condition and ends the rule list";

    // Error files.
    public static string ErrorFileProblem(string where, string code, string problem) => $"'errorfile {code}' {where}: {problem}";

    public static string ErrorFileBadCode(string where, string got) =>
        $"'errorfile' {where} expects a status code among {string.Join(", ", Rules.ErrorFile.Codes)} (got '{got}')";

    public static string ErrorFileMissing(string path) => $"cannot open '{path}': no such file";

    public static string ErrorFileUnreadable(string path, string reason) => $"cannot read '{path}': {reason}";

    public static string ErrorFileTooLarge(string path, int size, int max) =>
        $"'{path}' is {size} bytes; an error file must fit in {max} bytes (HAProxy's buffer size)";

    public static string ErrorFileNotHttp(string path, string firstLine) =>
        $"'{path}' is not a raw HTTP response: it must start with a status line such as 'HTTP/1.1 503 Service Unavailable' (got '{firstLine}')";

    public static string ErrorFileHeadUnterminated(string path) =>
        $"'{path}' has no empty line after its headers; a raw HTTP response needs one before the body";

    // option forwardfor.
    public static string ForwardForUnknownArgument(string where, string got, string? hint) =>
        $"'option forwardfor' {where} expects 'except NETWORK', 'header NAME' or 'if-none' (got '{got}'){Hint(hint)}";

    public static string ForwardForMissingValue(string where, string argument, string expected) =>
        $"'option forwardfor' {where}: '{argument}' expects {expected} (got nothing)";

    public static string ForwardForBadNetwork(string where, string got) =>
        $"'option forwardfor' {where}: 'except' expects an IPv4 or IPv6 network such as '127.0.0.0/8' (got '{got}')";
}
