using System.Globalization;
using System.Net;
using System.Text;
using static Appliance.ProxyCore.Stats.StatsField;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// One proxy's table on the HTML page: a FRONTEND row, a row per server and a BACKEND row, with queue, sessions, bytes,
/// denials, errors, warnings and the server columns (status coloured by class, last change, check, agent, weight,
/// active/backup, failed checks, down transitions, downtime). With admin rights the server rows get checkboxes and
/// the table sits in a form that posts the chosen action.
/// </summary>
internal static class HtmlProxyTable
{
    public static void Write(StringBuilder html, ProxyStats proxy, StatsPageOptions options)
    {
        var admin = options.Admin && proxy.Backend is not null && proxy.Servers.Count > 0;
        var name = WebUtility.HtmlEncode(proxy.Name);
        html.Append("<section class=\"proxy\" id=\"px-").Append(name).Append("\">\n<h2>").Append(name)
            .Append(" <small>").Append(proxy.Mode).Append("</small></h2>\n");
        if (admin)
        {
            html.Append("<form method=\"post\" action=\"").Append(WebUtility.HtmlEncode(options.Uri)).Append("\">\n");
        }

        html.Append("<table>\n<thead><tr>");
        if (admin)
        {
            html.Append("<th rowspan=\"2\"></th>");
        }

        html.Append("<th rowspan=\"2\">Name</th><th colspan=\"2\">Queue</th><th colspan=\"4\">Sessions</th><th colspan=\"2\">Bytes</th>")
            .Append("<th colspan=\"2\">Denied</th><th colspan=\"3\">Errors</th><th colspan=\"2\">Warnings</th><th colspan=\"3\">Responses</th>")
            .Append("<th colspan=\"10\">Server</th></tr>\n<tr>")
            .Append("<th>Cur</th><th>Max</th><th>Cur</th><th>Max</th><th>Limit</th><th>Total</th><th>In</th><th>Out</th>")
            .Append("<th>Req</th><th>Resp</th><th>Req</th><th>Conn</th><th>Resp</th><th>Retr</th><th>Redis</th>")
            .Append("<th>2xx</th><th>4xx</th><th>5xx</th>")
            .Append("<th>Status</th><th>Changed</th><th>Check</th><th>Agent</th><th>Weight</th><th>Act</th><th>Bck</th>")
            .Append("<th>Chk</th><th>Dwn</th><th>Dwntme</th></tr></thead>\n<tbody>\n");
        if (proxy.Frontend is { } frontend)
        {
            Row(html, frontend, "frontend", "Frontend", admin, false);
        }

        foreach (var server in proxy.Servers)
        {
            if (options.UpOnly && !server.Text(Status).StartsWith("UP", StringComparison.Ordinal) && server.Text(Status) != "no check")
            {
                continue;
            }

            Row(html, server, "server", server.Text(SvName), admin, true);
        }

        if (proxy.Backend is { } backend)
        {
            Row(html, backend, "backend", "Backend", admin, false);
        }

        html.Append("</tbody>\n</table>\n");
        if (admin)
        {
            html.Append("<div class=\"admin\"><label>Action on the checked servers: <select name=\"action\">")
                .Append("<option value=\"\"></option><option value=\"ready\">Set state to READY</option>")
                .Append("<option value=\"drain\">Set state to DRAIN</option><option value=\"maint\">Set state to MAINT</option></select></label>")
                .Append("<input type=\"hidden\" name=\"b\" value=\"#").Append(proxy.Id.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append("<button type=\"submit\">Apply</button></div>\n</form>\n");
        }

        html.Append("</section>\n");
    }

    private static void Row(StringBuilder html, StatsRow row, string kind, string label, bool admin, bool isServer)
    {
        var status = row.Text(Status);
        var css = ServerStatusText.CssClass(status);
        html.Append("<tr class=\"").Append(kind).Append(' ').Append(css).Append('"');
        if (isServer)
        {
            html.Append(" data-server=\"").Append(WebUtility.HtmlEncode(label)).Append('"');
        }

        html.Append('>');
        if (admin)
        {
            html.Append("<td>");
            if (isServer)
            {
                html.Append("<input type=\"checkbox\" name=\"s\" value=\"").Append(WebUtility.HtmlEncode(label)).Append("\">");
            }

            html.Append("</td>");
        }

        html.Append("<th class=\"name\">").Append(WebUtility.HtmlEncode(label)).Append("</th>");
        foreach (var field in new[] { QCur, QMax, SCur, SMax, SLim, STot, BIn, BOut, DReq, DResp, EReq, ECon, EResp, WRetr, WRedis, Hrsp2xx, Hrsp4xx, Hrsp5xx })
        {
            Cell(html, row.Text(field));
        }

        html.Append("<td class=\"status ").Append(css).Append("\">").Append(WebUtility.HtmlEncode(status)).Append("</td>");
        Cell(html, row[LastChg].IsPresent ? StatsFormat.Duration(row.Number(LastChg)) : string.Empty);
        CheckCell(html, row, CheckStatus, CheckCode, CheckDuration, LastChk, CheckDesc);
        CheckCell(html, row, AgentStatus, AgentCode, AgentDuration, LastAgt, AgentDesc);
        Cell(html, row.Text(Weight));
        Cell(html, isServer ? (row.Number(Act) == 1 ? "Y" : "-") : row.Text(Act));
        Cell(html, isServer ? (row.Number(Bck) == 1 ? "Y" : "-") : row.Text(Bck));
        Cell(html, row.Text(ChkFail));
        Cell(html, row.Text(ChkDown));
        Cell(html, row[Downtime].IsPresent ? StatsFormat.Duration(row.Number(Downtime)) : string.Empty);
        html.Append("</tr>\n");
    }

    /// <summary>e.g. <c>L7OK/200 in 3ms</c>, with the description and detail (<c>Connection refused</c>) as a tooltip.</summary>
    private static void CheckCell(StringBuilder html, StatsRow row, StatsField status, StatsField code, StatsField duration, StatsField info, StatsField description)
    {
        if (!row[status].IsPresent)
        {
            Cell(html, string.Empty);
            return;
        }

        var text = row.Text(status);
        if (row[code].IsPresent)
        {
            text += "/" + row.Text(code);
        }

        if (row[duration].IsPresent && text != "INI")
        {
            text += $" in {row.Text(duration)}ms";
        }

        var detail = row.Text(info);
        var title = detail.Length == 0 ? row.Text(description) : $"{row.Text(description)}: {detail}";
        html.Append("<td class=\"check\" title=\"").Append(WebUtility.HtmlEncode(title)).Append("\">").Append(WebUtility.HtmlEncode(text)).Append("</td>");
    }

    private static void Cell(StringBuilder html, string text) =>
        html.Append("<td>").Append(WebUtility.HtmlEncode(text)).Append("</td>");
}
