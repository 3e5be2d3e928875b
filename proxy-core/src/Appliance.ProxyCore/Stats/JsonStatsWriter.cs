using System.Text;
using System.Text.Json;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// HAProxy's <c>show stat json</c> (the stats page's <c>;json</c>): an array with one array per row, holding one object
/// per non-empty field: <c>objType</c>, <c>proxyId</c>, <c>id</c>, <c>field</c> (<c>pos</c>, <c>name</c>),
/// <c>processNum</c>, <c>tags</c> (<c>origin</c>, <c>nature</c>, <c>scope</c>) and <c>value</c> (<c>type</c>,
/// <c>value</c>). Module fields are numbered after the base fields without the CSV's <c>-</c> separator.
/// </summary>
public static class JsonStatsWriter
{
    public static string Write(StatsSnapshot snapshot)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartArray();
            foreach (var proxy in snapshot.Proxies)
            {
                foreach (var row in proxy.Rows)
                {
                    WriteRow(json, row);
                }
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteRow(Utf8JsonWriter json, StatsRow row)
    {
        json.WriteStartArray();
        var values = row.Values;
        for (var i = 0; i < values.Length; i++)
        {
            var field = (StatsField)i;
            var value = values[i];
            if (!value.IsPresent || field == StatsField.ModuleSeparator)
            {
                continue;
            }

            var info = StatsFields.Info(field);
            var tags = StatsFields.Tags(field, row.Type);
            json.WriteStartObject();
            json.WriteString("objType", row.Type.ToString());
            json.WriteNumber("proxyId", row.ProxyId);
            json.WriteNumber("id", row.ServerId);
            json.WriteStartObject("field");
            json.WriteNumber("pos", i > (int)StatsField.ModuleSeparator ? i - 1 : i);
            json.WriteString("name", info.Name);
            json.WriteEndObject();
            json.WriteNumber("processNum", 1);
            json.WriteStartObject("tags");
            json.WriteString("origin", Origin(tags[0]));
            json.WriteString("nature", Nature(tags[1]));
            json.WriteString("scope", Scope(tags[2]));
            json.WriteEndObject();
            json.WriteStartObject("value");
            json.WriteString("type", info.Type.ToString().ToLowerInvariant());
            if (info.Type == StatsValueType.Str || value.IsText)
            {
                json.WriteString("value", value.ToString());
            }
            else
            {
                json.WriteNumber("value", value.Number);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Origin(char c) => c switch
    {
        'M' => "Metric",
        'S' => "Status",
        'K' => "Key",
        'C' => "Config",
        'P' => "Product",
        _ => "Unknown",
    };

    private static string Nature(char c) => c switch
    {
        'G' => "Gauge",
        'L' => "Limit",
        'm' => "Min",
        'M' => "Max",
        'R' => "Rate",
        'C' => "Counter",
        'D' => "Duration",
        'A' => "Age",
        'T' => "Time",
        'N' => "Name",
        'O' => "Output",
        'a' => "Avg",
        _ => "Unknown",
    };

    private static string Scope(char c) => c switch
    {
        'P' => "Process",
        'S' => "Service",
        's' => "System",
        'C' => "Cluster",
        _ => "Unknown",
    };
}
