using System.Text;
using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Rules.LogFormat;

/// <summary>
/// Compiles HAProxy log-format strings: literal text, <c>%%</c> for a percent sign, <c>%NAME</c> variables (letters
/// only, so <c>%ci:%cp</c> is two variables), <c>%[FETCH,CONVERTER...]</c> samples, and <c>%{FLAGS}</c> before a variable
/// or sample; <c>%{FLAGS}o</c> sets the flags of every variable after it. FLAGS are <c>+Q</c>, <c>+X</c>, <c>+E</c>
/// (or <c>-</c> to clear), joined directly or with commas.
/// </summary>
public static class LogFormatParser
{
    private static readonly Dictionary<string, LogVariable> Variables = new(StringComparer.Ordinal)
    {
        ["ci"] = LogVariable.ClientIp, ["cp"] = LogVariable.ClientPort, ["fi"] = LogVariable.FrontendIp,
        ["fp"] = LogVariable.FrontendPort, ["f"] = LogVariable.FrontendName, ["ft"] = LogVariable.FrontendTransport,
        ["b"] = LogVariable.BackendName, ["s"] = LogVariable.ServerName, ["bi"] = LogVariable.BackendSourceIp,
        ["bp"] = LogVariable.BackendSourcePort, ["si"] = LogVariable.ServerIp, ["sp"] = LogVariable.ServerPort,
        ["ST"] = LogVariable.Status, ["H"] = LogVariable.HostName, ["HM"] = LogVariable.Method, ["HP"] = LogVariable.Path,
        ["HU"] = LogVariable.Uri, ["HV"] = LogVariable.Version, ["r"] = LogVariable.RequestLine,
        ["Tr"] = LogVariable.ServerResponseTime, ["Ta"] = LogVariable.ActiveTime, ["B"] = LogVariable.BytesRead,
        ["t"] = LogVariable.Date, ["T"] = LogVariable.GmtDate, ["pid"] = LogVariable.ProcessId, ["ID"] = LogVariable.UniqueId,
    };

    /// <summary>The variable names this build knows, as written after <c>%</c>.</summary>
    public static IEnumerable<string> VariableNames => Variables.Keys;

    /// <summary>
    /// Compiles <paramref name="text"/>; on failure returns null and a message naming <paramref name="subject"/>
    /// (e.g. <c>'http-request add-header' in frontend 'f'</c>).
    /// </summary>
    public static LogFormatString? Parse(string text, string subject, out string? error)
    {
        error = null;
        var segments = new List<LogFormatSegment>();
        var literal = new StringBuilder();
        var defaults = LogFormatFlags.None;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '%')
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '%')
            {
                literal.Append('%');
                i += 2;
                continue;
            }

            var start = i++;
            var flags = defaults;
            if (i < text.Length && text[i] == '{')
            {
                var close = text.IndexOf('}', i);
                if (close < 0)
                {
                    error = ConfigMessages.LogFormatUnclosed(subject, "%{", '}', start + 1);
                    return null;
                }

                if (!TryParseFlags(text[(i + 1)..close], ref flags, out var badFlag))
                {
                    error = ConfigMessages.LogFormatBadFlag(subject, badFlag!);
                    return null;
                }

                i = close + 1;
            }

            LogFormatSegment? segment;
            if (i < text.Length && text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (close < 0)
                {
                    error = ConfigMessages.LogFormatUnclosed(subject, "%[", ']', start + 1);
                    return null;
                }

                var expression = SampleExpressionParser.Parse(text[(i + 1)..close], subject, allowShorthand: false, out _, out error);
                if (expression is null)
                {
                    return null;
                }

                segment = new SampleSegment(expression, flags);
                i = close + 1;
            }
            else
            {
                var nameStart = i;
                while (i < text.Length && char.IsAsciiLetter(text[i]))
                {
                    i++;
                }

                var name = text[nameStart..i];
                if (name == "o" && text[start + 1] == '{')
                {
                    // %{+Q}o: options for the variables that follow, no output of its own.
                    defaults = flags;
                    continue;
                }

                if (!Variables.TryGetValue(name, out var variable))
                {
                    error = name.Length == 0
                        ? ConfigMessages.LogFormatNoVariable(subject, start + 1)
                        : ConfigMessages.LogFormatUnknownVariable(subject, name, Configuration.Parsing.NearestMatch.Find(name, Variables.Keys));
                    return null;
                }

                segment = new VariableSegment(variable, name, flags);
            }

            if (literal.Length > 0)
            {
                segments.Add(new LiteralSegment(literal.ToString()));
                literal.Clear();
            }

            segments.Add(segment);
        }

        if (literal.Length > 0)
        {
            segments.Add(new LiteralSegment(literal.ToString()));
        }

        return new LogFormatString(text, segments);
    }

    /// <summary>The flags as written in <c>%{...}</c>, e.g. <c>+Q+X</c>.</summary>
    public static string DescribeFlags(LogFormatFlags flags) =>
        string.Concat(new[] { (LogFormatFlags.Quote, "+Q"), (LogFormatFlags.Hex, "+X"), (LogFormatFlags.Escape, "+E") }
            .Where(f => (flags & f.Item1) != 0).Select(f => f.Item2));

    internal static bool TryParseFlags(string text, ref LogFormatFlags flags, out string? bad)
    {
        bad = null;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ',')
            {
                i++;
                continue;
            }

            if (i + 1 >= text.Length || text[i] is not ('+' or '-'))
            {
                bad = text[i..];
                return false;
            }

            LogFormatFlags flag = text[i + 1] switch
            {
                'Q' => LogFormatFlags.Quote,
                'X' => LogFormatFlags.Hex,
                'E' => LogFormatFlags.Escape,
                _ => LogFormatFlags.None,
            };
            if (flag == LogFormatFlags.None)
            {
                bad = text.Substring(i, 2);
                return false;
            }

            flags = text[i] == '+' ? flags | flag : flags & ~flag;
            i += 2;
        }

        return true;
    }
}
