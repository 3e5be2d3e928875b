using System.Globalization;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Rules.LogFormat;

namespace Appliance.ProxyCore.Rules;

/// <summary>
/// The reply options of <c>deny</c> and <c>return</c>: <c>[status N | deny_status N] [content-type T]
/// [string S | lf-string FMT | file F] [hdr NAME VALUE]...</c>. Without a body the reply is the error page of its status,
/// so the status must be one that has one (HAProxy's rule). A <c>file</c> is read now.
/// </summary>
internal static class ReplyParser
{
    private static readonly string[] Options = ["status", "deny_status", "content-type", "string", "lf-string", "file", "hdr"];

    public static ReplyAction? Parse(RuleParseContext context, string action, int start, string subject, out int next)
    {
        var words = context.Words;
        var verdict = action == "deny" ? RuleVerdict.Deny : RuleVerdict.Return;
        var status = verdict == RuleVerdict.Deny ? 403 : 200;
        string? contentType = null, body = null;
        LogFormatString? dynamicBody = null;
        var headers = new List<KeyValuePair<string, string>>();
        var i = start;
        next = words.Count;
        for (; !context.AtConditionOrEnd(i); i++)
        {
            var option = words[i];
            if (Array.IndexOf(Options, option) < 0)
            {
                context.Error(ConfigMessages.RuleUnknownOption(subject, option, Options, Configuration.Parsing.NearestMatch.Find(option, Options)));
                return null;
            }

            var needed = option == "hdr" ? 2 : 1;
            if (context.AtConditionOrEnd(i + 1) || (needed == 2 && context.AtConditionOrEnd(i + 2)))
            {
                context.Error(ConfigMessages.RuleOptionWithoutValue(subject, option, option == "hdr" ? "a header name and a value" : "a value"));
                return null;
            }

            var value = words[++i];
            switch (option)
            {
                case "status" or "deny_status":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out status) || status is < 200 or > 599)
                    {
                        context.Error(ConfigMessages.RuleBadStatus(subject, option, value, 200, 599));
                        return null;
                    }

                    break;
                case "content-type":
                    contentType = value;
                    break;
                case "string":
                    body = value;
                    break;
                case "lf-string":
                    dynamicBody = context.Format(value, subject);
                    if (dynamicBody is null)
                    {
                        return null;
                    }

                    body = "";
                    break;
                case "file":
                    try
                    {
                        body = File.ReadAllText(value);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                    {
                        context.Error(ConfigMessages.RuleBodyFile(subject, value, e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message));
                        return null;
                    }

                    break;
                default:
                    headers.Add(new(value, words[++i]));
                    break;
            }
        }

        if (body is null && Array.IndexOf(ErrorFile.Codes, status) < 0)
        {
            context.Error(ConfigMessages.RuleStatusWithoutErrorPage(subject, status));
            return null;
        }

        next = i;
        return new ReplyAction(action, verdict, new HttpReply(status, contentType, body, headers), dynamicBody);
    }
}
