using System.Globalization;
using System.Net;
using System.Text;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// The HTML stats page: a header (version unless hidden, node, description, HA role and VIPs when known, uptime),
/// links to the CSV and JSON forms, the outcome of the last admin action, an optional legend, then one table per proxy
/// (<see cref="HtmlProxyTable"/>). Plain HTML and CSS, no script; <c>stats refresh</c> becomes a meta refresh.
/// </summary>
public static class HtmlStatsWriter
{
    private const string Style = """
        body { font: 12px/1.4 system-ui, sans-serif; margin: 16px; color: #222; background: #fafafa; }
        h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 18px 0 6px; } h2 small { color: #777; font-weight: normal; }
        .meta, nav, .ha { color: #444; margin: 2px 0; } nav a { margin-right: 12px; }
        .ha { font-weight: 600; } .notice { padding: 6px 10px; margin: 8px 0; border: 1px solid #8bc34a; background: #f1f8e9; }
        .notice.bad { border-color: #e57373; background: #ffebee; }
        table { border-collapse: collapse; background: #fff; } th, td { border: 1px solid #ccc; padding: 2px 4px; text-align: right; white-space: nowrap; }
        thead th { background: #37474f; color: #fff; font-weight: 600; text-align: center; } th.name { text-align: left; }
        tr.frontend, tr.backend { background: #eceff1; font-weight: 600; }
        td.status { text-align: center; font-weight: 600; }
        .up td.status, .legend .up { background: #a5d6a7; } .down td.status, .legend .down { background: #ef9a9a; }
        .going td.status, .legend .going { background: #ffcc80; } .maint td.status, .legend .maint { background: #b0bec5; }
        .drain td.status, .legend .drain { background: #90caf9; } .nolb td.status, .legend .nolb { background: #fff59d; }
        tr.server.down { background: #ffebee; } tr.server.going { background: #fff3e0; } tr.server.maint { background: #eceff1; } tr.server.drain { background: #e3f2fd; }
        .legend span { display: inline-block; padding: 1px 8px; margin-right: 6px; border: 1px solid #999; }
        .admin { margin: 6px 0; }
        """;

    public static string Write(StatsSnapshot snapshot, StatsPageOptions options)
    {
        var html = new StringBuilder(16384);
        var node = options.NodeName is null ? string.Empty : $" on {options.NodeName}";
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Statistics")
            .Append(WebUtility.HtmlEncode(node)).Append("</title>\n");
        if (options.Refresh is { } refresh)
        {
            html.Append("<meta http-equiv=\"refresh\" content=\"")
                .Append(Math.Max(1, (long)refresh.TotalSeconds).ToString(CultureInfo.InvariantCulture)).Append("\">\n");
        }

        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n<header>\n<h1>Statistics")
            .Append(WebUtility.HtmlEncode(node)).Append("</h1>\n<p class=\"meta\">");
        html.Append(options.HideVersion ? "Load balancer" : $"Appliance load balancer {WebUtility.HtmlEncode(snapshot.Version)}");
        html.Append(CultureInfo.InvariantCulture, $" &middot; pid {snapshot.ProcessId} &middot; up {StatsFormat.Duration((long)snapshot.Uptime.TotalSeconds)}")
            .Append(CultureInfo.InvariantCulture, $" &middot; {snapshot.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC</p>\n");
        if (options.Description is { } description)
        {
            html.Append("<p class=\"meta desc\">").Append(WebUtility.HtmlEncode(description)).Append("</p>\n");
        }

        if (snapshot.HasHaStatus)
        {
            html.Append("<p class=\"ha\">HA role: <span class=\"role\">").Append(WebUtility.HtmlEncode(snapshot.Role ?? "none"))
                .Append("</span> &middot; node ").Append(WebUtility.HtmlEncode(snapshot.NodeName))
                .Append(" &middot; VIPs: <span class=\"vips\">")
                .Append(WebUtility.HtmlEncode(snapshot.Vips.Count == 0 ? "none" : string.Join(", ", snapshot.Vips))).Append("</span></p>\n");
        }

        var uri = WebUtility.HtmlEncode(options.Uri);
        html.Append("<nav><a href=\"").Append(uri).Append(";csv\">CSV</a><a href=\"").Append(uri).Append(";json\">JSON</a>");
        html.Append(options.UpOnly ? $"<a href=\"{uri}\">Show all servers</a>" : $"<a href=\"{uri};up\">Hide servers that are not up</a>");
        if (options.Refresh is not null || options.RefreshDisabled)
        {
            html.Append(options.RefreshDisabled ? $"<a href=\"{uri}\">Refresh on</a>" : $"<a href=\"{uri};norefresh\">Refresh off</a>");
        }

        html.Append("</nav>\n</header>\n");
        if (options.ActionStatus is { } status)
        {
            html.Append("<p class=\"notice").Append(status is "DONE" or "NONE" ? "" : " bad").Append("\">")
                .Append(WebUtility.HtmlEncode(StatsFormat.ActionMessage(status))).Append("</p>\n");
        }

        if (options.ShowLegends)
        {
            html.Append("<p class=\"legend\"><span class=\"up\">up</span><span class=\"going\">going up or down</span>")
                .Append("<span class=\"down\">down</span><span class=\"drain\">draining</span><span class=\"nolb\">not load-balanced</span>")
                .Append("<span class=\"maint\">maintenance</span></p>\n");
        }

        foreach (var proxy in snapshot.Proxies)
        {
            HtmlProxyTable.Write(html, proxy, options);
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}
