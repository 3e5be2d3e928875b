using System.Collections.Frozen;
using System.Text;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Rules.LogFormat;

namespace Appliance.ProxyCore.Logging;

/// <summary>
/// Compiles an access-log format (<c>log-format</c>, and the formats <c>option httplog</c> and <c>tcplog</c> stand for):
/// literal text, runs of spaces as separators, <c>%%</c> for a percent sign, <c>%NAME</c> variables (letters only, so
/// <c>%ci:%cp</c> is two variables) and <c>%{+Q}NAME</c> to quote one. HAProxy's variables this build does not fill
/// (<c>%ID</c>, <c>%Th</c>, ...), sample expressions and the <c>+X</c>/<c>+E</c> flags are refused by name, never
/// written empty.
/// </summary>
public static class LogLineFormatParser
{
    private static readonly FrozenDictionary<string, (LogField Field, bool HttpOnly)> Fields = new Dictionary<string, (LogField, bool)>(StringComparer.Ordinal)
    {
        ["ci"] = (LogField.ClientIp, false), ["cp"] = (LogField.ClientPort, false),
        ["fi"] = (LogField.FrontendIp, false), ["fp"] = (LogField.FrontendPort, false),
        ["f"] = (LogField.FrontendName, false), ["ft"] = (LogField.FrontendTransport, false),
        ["b"] = (LogField.BackendName, false), ["s"] = (LogField.ServerName, false),
        ["si"] = (LogField.ServerIp, false), ["sp"] = (LogField.ServerPort, false),
        ["t"] = (LogField.AcceptDate, false), ["T"] = (LogField.AcceptDateGmt, false), ["Tl"] = (LogField.AcceptDateLocal, false),
        ["Ts"] = (LogField.AcceptTimestamp, false), ["ms"] = (LogField.AcceptMilliseconds, false),
        ["tr"] = (LogField.RequestDate, true), ["trg"] = (LogField.RequestDateGmt, true), ["trl"] = (LogField.RequestDateLocal, true),
        ["TR"] = (LogField.RequestTime, true), ["Tq"] = (LogField.RequestTime, true),
        ["Tw"] = (LogField.QueueTime, false), ["Tc"] = (LogField.ConnectTime, false), ["Tr"] = (LogField.ResponseTime, true),
        ["Ta"] = (LogField.ActiveTime, false), ["Tt"] = (LogField.TotalTime, false),
        ["ST"] = (LogField.Status, true), ["B"] = (LogField.BytesRead, false), ["U"] = (LogField.BytesUploaded, false),
        ["CC"] = (LogField.RequestCookie, true), ["CS"] = (LogField.ResponseCookie, true),
        ["ts"] = (LogField.TerminationState, false), ["tsc"] = (LogField.TerminationStateCookies, true),
        ["ac"] = (LogField.ActiveConnections, false), ["fc"] = (LogField.FrontendConnections, false),
        ["bc"] = (LogField.BackendConnections, false), ["sc"] = (LogField.ServerConnections, false),
        ["rc"] = (LogField.Retries, false), ["sq"] = (LogField.ServerQueue, false), ["bq"] = (LogField.BackendQueue, false),
        ["hr"] = (LogField.RequestHeaders, true), ["hrl"] = (LogField.RequestHeaderList, true),
        ["hs"] = (LogField.ResponseHeaders, true), ["hsl"] = (LogField.ResponseHeaderList, true),
        ["r"] = (LogField.RequestLine, true), ["HM"] = (LogField.Method, true), ["HU"] = (LogField.Uri, true),
        ["HP"] = (LogField.Path, true), ["HQ"] = (LogField.Query, true), ["HV"] = (LogField.Version, true),
        ["H"] = (LogField.HostName, false), ["pid"] = (LogField.ProcessId, false),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>HAProxy 2.6 variables that exist but are not filled by this build (refused by name).</summary>
    private static readonly FrozenSet<string> Unsupported = FrozenSet.ToFrozenSet(
        ["HPO", "ID", "Td", "Th", "Ti", "Tu", "bi", "bp", "lc", "rt", "sslc", "sslv"], StringComparer.Ordinal);

    /// <summary>The variable names this build fills, as written after <c>%</c>.</summary>
    public static IEnumerable<string> FieldNames => Fields.Keys;

    /// <summary>
    /// Compiles <paramref name="text"/>; on failure returns null and a message naming <paramref name="subject"/>
    /// (e.g. <c>'log-format' in frontend 'web'</c>).
    /// </summary>
    /// <param name="text">The format.</param>
    /// <param name="subject">What the format belongs to, for messages.</param>
    /// <param name="http">False on a TCP frontend, where HTTP-only variables (<c>%r</c>, <c>%ST</c>, ...) are refused.</param>
    /// <param name="error">The first problem found.</param>
    public static LogLineFormat? Parse(string text, string subject, bool http, out string? error)
    {
        error = null;
        var nodes = new List<LogLineNode>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ' ')
            {
                Flush(nodes, literal);
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }

                nodes.Add(new LogLineNode(LogLineNodeKind.Separator, default, null, false));
                continue;
            }

            if (c != '%' || (i + 1 < text.Length && text[i + 1] == '%'))
            {
                literal.Append(c);
                i += c == '%' ? 2 : 1;
                continue;
            }

            var start = i++;
            var flags = LogFormatFlags.None;
            if (i < text.Length && text[i] == '{')
            {
                var close = text.IndexOf('}', i);
                if (close < 0)
                {
                    error = ConfigMessages.LogFormatUnclosed(subject, "%{", '}', start + 1);
                    return null;
                }

                if (!LogFormatParser.TryParseFlags(text[(i + 1)..close], ref flags, out var badFlag))
                {
                    error = ConfigMessages.LogFormatBadFlag(subject, badFlag!);
                    return null;
                }

                i = close + 1;
            }

            if (i < text.Length && text[i] == '[')
            {
                error = ConfigMessages.LogFormatSampleInAccessLog(subject, start + 1);
                return null;
            }

            var nameStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            var name = text[nameStart..i];
            if (!Fields.TryGetValue(name, out var field))
            {
                error = name.Length == 0
                    ? ConfigMessages.LogFormatNoVariable(subject, start + 1)
                    : Unsupported.Contains(name)
                        ? ConfigMessages.LogFormatUnsupportedVariable(subject, name)
                        : ConfigMessages.LogFormatUnknownVariable(subject, name, Configuration.Parsing.NearestMatch.Find(name, Fields.Keys));
                return null;
            }

            if (field.HttpOnly && !http)
            {
                error = ConfigMessages.LogFormatHttpOnlyVariable(subject, name);
                return null;
            }

            if ((flags & ~LogFormatFlags.Quote) != 0)
            {
                error = ConfigMessages.LogFormatUnsupportedFlag(subject, LogFormatParser.DescribeFlags(flags & ~LogFormatFlags.Quote), name);
                return null;
            }

            Flush(nodes, literal);
            nodes.Add(new LogLineNode(LogLineNodeKind.Field, field.Field, null, (flags & LogFormatFlags.Quote) != 0));
        }

        Flush(nodes, literal);
        return new LogLineFormat(text, [.. nodes]);
    }

    private static void Flush(List<LogLineNode> nodes, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            nodes.Add(new LogLineNode(LogLineNodeKind.Text, default, Encoding.UTF8.GetBytes(literal.ToString()), false));
            literal.Clear();
        }
    }
}
