using System.Text;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// HAProxy's <c>show stat</c> CSV (the stats page's <c>;csv</c>): the <c># pxname,svname,...</c> header, then one line per
/// FRONTEND, server and BACKEND in proxy order. Every line ends with a comma, as HAProxy's do; a value holding a comma,
/// a quote, a line break or edge spaces is quoted with inner quotes doubled (src/tools.c, csv_enc).
/// </summary>
public static class CsvStatsWriter
{
    public static string Write(StatsSnapshot snapshot)
    {
        var text = new StringBuilder(4096);
        text.Append(StatsFields.CsvHeader).Append('\n');
        foreach (var proxy in snapshot.Proxies)
        {
            foreach (var row in proxy.Rows)
            {
                foreach (var value in row.Values)
                {
                    AppendField(text, value.ToString());
                    text.Append(',');
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }

    private static void AppendField(StringBuilder text, string value)
    {
        var quote = value.Length > 0 && (value[0] == ' ' || value[^1] == ' ' || value.AsSpan().IndexOfAny(",\"\r\n") >= 0);
        if (!quote)
        {
            text.Append(value);
            return;
        }

        text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
