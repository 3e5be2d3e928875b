using System.Globalization;
using System.Text;
using static Appliance.ProxyCore.Stats.StatsField;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// The Prometheus text exposition format 0.0.4 of a <see cref="StatsSnapshot"/>, with HAProxy's metric names
/// (<c>haproxy_frontend_*</c> with label <c>proxy</c>, <c>haproxy_backend_*</c>, <c>haproxy_server_*</c> with
/// <c>proxy</c> and <c>server</c>): each family once with <c># HELP</c> and <c># TYPE</c>, frontends first.
/// </summary>
public static class PrometheusWriter
{
    /// <summary>The Content-Type of the exposition format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] ServerStates = ["DOWN", "UP", "MAINT", "DRAIN", "NOLB"];
    private static readonly string[] ProxyStates = ["DOWN", "UP"];
    private static readonly string[] CheckStates = ["HANA", "SOCKERR", "L4OK", "L4TOUT", "L4CON", "L6OK", "L6TOUT", "L6RSP", "L7TOUT", "L7RSP", "L7OK", "L7OKC", "L7STS", "PROCERR", "PROCTOUT", "PROCOK"];
    private static readonly (string Code, StatsField Field)[] ResponseClasses =
        [("1xx", Hrsp1xx), ("2xx", Hrsp2xx), ("3xx", Hrsp3xx), ("4xx", Hrsp4xx), ("5xx", Hrsp5xx), ("other", HrspOther)];

    /// <summary>The snapshot's families, then <paramref name="more"/>'s (null = none).</summary>
    public static string Write(StatsSnapshot snapshot, IMetricsSource? more = null)
    {
        var text = new StringBuilder(8192);
        foreach (var type in new[] { StatsObjectType.Frontend, StatsObjectType.Backend, StatsObjectType.Server })
        {
            var rows = snapshot.Proxies.SelectMany(p => p.Rows).Where(r => r.Type == type).ToList();
            var prefix = $"haproxy_{type.ToString().ToLowerInvariant()}_";
            WriteStatus(text, prefix, type, rows);
            foreach (var metric in PrometheusMetrics.All.Where(m => m.Object == type))
            {
                var present = rows.Where(r => r[metric.Field].IsPresent).ToList();
                if (present.Count == 0)
                {
                    continue;
                }

                Family(text, prefix + metric.Name, metric.Type, metric.Help);
                foreach (var row in present)
                {
                    Sample(text, prefix + metric.Name, row, null, Value(row[metric.Field].Number * metric.Scale));
                }
            }

            WriteResponses(text, prefix, rows);
            if (type == StatsObjectType.Backend && rows.Count > 0)
            {
                // Not in HAProxy's own exporter: the standalone haproxy_exporter's familiar name, kept for dashboards.
                Family(text, "haproxy_backend_up", "gauge", "1 when the backend has a server able to take traffic, else 0.");
                foreach (var row in rows)
                {
                    Sample(text, "haproxy_backend_up", row, null, row.Text(Status) == "UP" ? "1" : "0");
                }
            }

            if (type == StatsObjectType.Server)
            {
                WriteCheckStatus(text, rows);
            }
        }

        more?.AppendPrometheus(text);
        return text.ToString();
    }

    private static void WriteStatus(StringBuilder text, string prefix, StatsObjectType type, List<StatsRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        Family(text, prefix + "status", "gauge", "Current status, 1 for the state in the label.");
        var states = type == StatsObjectType.Server ? ServerStates : ProxyStates;
        foreach (var row in rows)
        {
            var current = StateOf(row.Text(Status));
            foreach (var state in states)
            {
                Sample(text, prefix + "status", row, ("state", state), state == current ? "1" : "0");
            }
        }
    }

    private static void WriteResponses(StringBuilder text, string prefix, List<StatsRow> rows)
    {
        var http = rows.Where(r => r[Hrsp2xx].IsPresent).ToList();
        if (http.Count == 0)
        {
            return;
        }

        Family(text, prefix + "http_responses_total", "counter", "HTTP responses by status class.");
        foreach (var row in http)
        {
            foreach (var (code, field) in ResponseClasses)
            {
                Sample(text, prefix + "http_responses_total", row, ("code", code), Value(row.Number(field)));
            }
        }
    }

    private static void WriteCheckStatus(StringBuilder text, List<StatsRow> rows)
    {
        var checkedRows = rows.Where(r => r[CheckStatus].IsPresent).ToList();
        if (checkedRows.Count == 0)
        {
            return;
        }

        Family(text, "haproxy_server_check_status", "gauge", "Status of the last health check, 1 for the status in the label.");
        foreach (var row in checkedRows)
        {
            var current = row.Text(CheckStatus);
            foreach (var state in CheckStates)
            {
                Sample(text, "haproxy_server_check_status", row, ("state", state), state == current ? "1" : "0");
            }
        }
    }

    /// <summary>The exporter's state for a status word: OPEN and "no check" are UP; transitional words count as their base.</summary>
    private static string StateOf(string status) => status switch
    {
        "OPEN" or "FULL" or "no check" => "UP",
        "STOP" => "DOWN",
        _ => status.Split(' ')[0],
    };

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, StatsRow row, (string Name, string Value)? extra, string value)
    {
        text.Append(name).Append("{proxy=\"").Append(Escape(row.Text(PxName))).Append('"');
        if (row.Type == StatsObjectType.Server)
        {
            text.Append(",server=\"").Append(Escape(row.Text(SvName))).Append('"');
        }

        if (extra is { } label)
        {
            text.Append(',').Append(label.Name).Append("=\"").Append(Escape(label.Value)).Append('"');
        }

        text.Append("} ").Append(value).Append('\n');
    }

    private static string Value(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Label values escape backslash, double quote and line feed (exposition format 0.0.4).</summary>
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
