namespace Appliance.ProxyCore.Configuration;

/// <summary>Messages of the <c>stats</c> keywords.</summary>
internal static partial class ConfigMessages
{
    public static string StatsMissingParameter(string where, IEnumerable<string> parameters) =>
        $"'stats' {where} expects a parameter, one of {Quote(parameters)} (got nothing)";

    public static string StatsUnknownParameter(string where, string got, IEnumerable<string> parameters, string? hint) =>
        $"'stats' {where} has unknown parameter '{got}', expects one of {Quote(parameters)}{Hint(hint)}";

    public static string StatsSocketInProxy(string where) =>
        $"'stats socket' is not allowed {where}; it belongs in the global section";

    public static string StatsUnsupported(string parameter, string where, string instead) =>
        $"'stats {parameter}' {where} is not supported yet; {instead}";

    public static string StatsExpects(string parameter, string where, string expected) =>
        $"'stats {parameter}' {where} expects {expected} (got nothing)";

    public static string StatsBadUri(string where, string got) =>
        $"'stats uri' {where} expects a URI prefix starting with '/' (got '{got}')";

    public static string StatsBadAuth(string where, string got) =>
        $"'stats auth' {where} expects USER:PASSWORD with a non-empty user (got '{got}')";

    public static string StatsBadRefresh(string where, string got) =>
        $"'stats refresh' {where} expects {TimeSyntax} (got '{got}')";

    public static string StatsAdminWithoutCondition(string where, string? got) =>
        $"'stats admin' {where} expects 'if' or 'unless' followed by a condition (got {(got is null ? "nothing" : $"'{got}'")})";

    public static string StatsAdminInDefaults(string where) =>
        $"'stats admin' is not allowed {where}: its condition needs a proxy's ACLs; write it in the frontend, backend or listen section";

    public static string StatsExtraArguments(string parameter, string where, string extra) =>
        $"'stats {parameter}' {where} takes no argument; '{extra}' and what follows is ignored";

    public static string StatsScopeUnknown(string where, string name) =>
        $"'stats scope' {where} names '{name}', which is no frontend, backend or listen section; it shows nothing";
}
