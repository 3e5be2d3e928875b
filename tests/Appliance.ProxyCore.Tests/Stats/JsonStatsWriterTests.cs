using System.Text.Json;
using Appliance.ProxyCore.Stats;

namespace Appliance.ProxyCore.Tests.Stats;

public class JsonStatsWriterTests
{
    [Fact]
    public void Write_OneArrayPerRowWithTypedFields()
    {
        var model = StatsTestModel.Load("frontend fe\n    bind 127.0.0.1:1\n    default_backend be\nbackend be\n    server s1 127.0.0.1:80\n");
        model.Frontend("fe").Traffic.AddBytesIn(42);

        using var json = JsonDocument.Parse(JsonStatsWriter.Write(model.Collector.Collect()));

        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        var first = rows[0][0];
        Assert.Equal("""{"objType":"Frontend","proxyId":1,"id":0,"field":{"pos":0,"name":"pxname"},"processNum":1,"tags":{"origin":"Key","nature":"Name","scope":"Service"},"value":{"type":"str","value":"fe"}}""", first.GetRawText());
        var bin = rows[0].EnumerateArray().Single(f => f.GetProperty("field").GetProperty("name").GetString() == "bin");
        Assert.Equal("""{"type":"u64","value":42}""", bin.GetProperty("value").GetRawText());
        Assert.Equal("Counter", bin.GetProperty("tags").GetProperty("nature").GetString());
    }

    [Fact]
    public void Write_EmptyCellsAndSeparatorLeftOut_ModuleFieldsNumberedWithoutSeparator()
    {
        var model = StatsTestModel.Load("backend be\n    server s1 127.0.0.1:80\n");
        var snapshot = model.Collector.Collect();
        var server = snapshot.Proxies[0].Servers[0];

        using var json = JsonDocument.Parse(JsonStatsWriter.Write(snapshot));

        var fields = json.RootElement[0].EnumerateArray().ToList();
        var present = 0;
        foreach (var value in server.Values)
        {
            present += value.IsPresent ? 1 : 0;
        }

        Assert.Equal(present - 1, fields.Count);
        Assert.DoesNotContain(fields, f => f.GetProperty("field").GetProperty("name").GetString() == "-");
        var ssl = fields.Single(f => f.GetProperty("field").GetProperty("name").GetString() == "ssl_sess");
        Assert.Equal(103, ssl.GetProperty("field").GetProperty("pos").GetInt32());
        Assert.Equal("Server", ssl.GetProperty("objType").GetString());
        Assert.Equal(1, ssl.GetProperty("id").GetInt32());
    }
}
