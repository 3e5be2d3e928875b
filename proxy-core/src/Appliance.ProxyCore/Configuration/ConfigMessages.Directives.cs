namespace Appliance.ProxyCore.Configuration;

/// <summary>Messages of the lexer and of the <c>.if</c>/<c>.elif</c>/<c>.else</c>/<c>.endif</c> blocks and other directives.</summary>
internal static partial class ConfigMessages
{
    // Lexer.
    public static string UnmatchedQuote(char quote, int column) =>
        $"unmatched {(quote == '"' ? "double" : "single")} quote opened at column {column}";

    public static string InvalidHexEscape(int column) =>
        $"invalid '\\x' escape at column {column}: expects two hexadecimal digits, e.g. '\\x41'";

    public static string UnclosedVariable(int column) => $"environment variable at column {column} has no closing '}}'";

    // Conditional blocks.
    public static string BadCondition(string directive, string expression, string detail) =>
        $"unparsable condition '{expression}' in '{directive}': {detail}";

    public static string ConditionUnexpectedText(string rest) => $"unexpected '{rest}' (expects '&&', '||' or the end of the line)";

    public static string ConditionMissingParenthesis() => "missing closing ')'";

    public static string ConditionExpectedTerm(string got) =>
        $"expects a number or a predicate such as 'defined(VAR)' (got '{got}')";

    public static string ConditionUnknownPredicate(string name, IEnumerable<string> known, string? hint) =>
        $"unknown predicate '{name}', expects one of {Quote(known)}{Hint(hint)}";

    public static string ConditionArgumentCount(string name, int expected, int got) =>
        $"'{name}' expects {expected} argument{(expected == 1 ? "" : "s")} (got {got})";

    public static string ConditionBadVersion(string predicate, string text) =>
        $"'{predicate}' expects a version such as '2.4' (got '{text}')";

    public static string ElifAfterElse() => "'.elif' after '.else' is not allowed";

    public static string DuplicateElse() => "'.else' appears twice in the same '.if' block";

    public static string DirectiveWithoutIf(string directive) => $"'{directive}' without a matching '.if'";

    public static string UnclosedIf() => "'.if' block opened here is never closed with '.endif'";

    public static string UnknownDirective(string directive, string? hint) =>
        $"unknown directive '{directive}' (expects '.if', '.elif', '.else', '.endif', '.diag', '.notice', '.warning' or '.alert'){Hint(hint)}";

    public static string DirectiveMessage(string text) => text;
}
