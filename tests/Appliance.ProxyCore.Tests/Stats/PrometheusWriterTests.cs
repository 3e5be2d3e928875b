using System.Text.RegularExpressions;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Stats;

namespace Appliance.ProxyCore.Tests.Stats;

public partial class PrometheusWriterTests
{
    [GeneratedRegex("""^([a-z_]+)\{([a-z]+="[^"]*"(,[a-z]+="[^"]*")*)\} (-?[0-9.]+(e-?[0-9]+)?)$""")]
    private static partial Regex SampleLine();

    private static StatsTestModel Model()
    {
        var model = StatsTestModel.Load("""
            frontend fe
                bind 127.0.0.1:1
                default_backend be
            backend be
                server s1 127.0.0.1:80 check
                server s2 127.0.0.1:81
            """);
        model.Frontend("fe").Traffic.SessionOpened();
        model.Frontend("fe").Traffic.ResponseSent(200);
        model.Frontend("fe").Traffic.ResponseSent(503);
        model.Server("be", "s2").State.SetOperatorAdmin(ServerAdminState.Drain);
        model.Server("be", "s1").Checks.RecordCheck(new CheckReport("L4OK", null, null, "Layer4 check passed", TimeSpan.FromMilliseconds(12)), true, 4);
        return model;
    }

    [Fact]
    public void Write_EveryLineIsCommentOrSample_FamiliesDeclaredOnce()
    {
        var text = PrometheusWriter.Write(Model().Collector.Collect());

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.True(l.StartsWith("# HELP ", StringComparison.Ordinal) || l.StartsWith("# TYPE ", StringComparison.Ordinal) || SampleLine().IsMatch(l), l));
        var types = lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        Assert.Equal(types.Count, types.Distinct().Count());
        Assert.All(lines.Where(l => !l.StartsWith('#')), l => Assert.Contains(SampleLine().Match(l).Groups[1].Value, types));
    }

    [Fact]
    public void Write_Values_MatchCounters()
    {
        var lines = PrometheusWriter.Write(Model().Collector.Collect()).Split('\n');

        Assert.Contains("haproxy_frontend_current_sessions{proxy=\"fe\"} 1", lines);
        Assert.Contains("haproxy_frontend_http_responses_total{proxy=\"fe\",code=\"2xx\"} 1", lines);
        Assert.Contains("haproxy_frontend_http_responses_total{proxy=\"fe\",code=\"5xx\"} 1", lines);
        Assert.Contains("haproxy_frontend_status{proxy=\"fe\",state=\"UP\"} 1", lines);
        Assert.Contains("haproxy_backend_up{proxy=\"be\"} 1", lines);
        Assert.Contains("haproxy_backend_active_servers{proxy=\"be\"} 1", lines);
        Assert.Contains("haproxy_server_status{proxy=\"be\",server=\"s2\",state=\"DRAIN\"} 1", lines);
        Assert.Contains("haproxy_server_status{proxy=\"be\",server=\"s2\",state=\"UP\"} 0", lines);
        Assert.Contains("haproxy_server_status{proxy=\"be\",server=\"s1\",state=\"UP\"} 1", lines);
        Assert.Contains("haproxy_server_check_status{proxy=\"be\",server=\"s1\",state=\"L4OK\"} 1", lines);
        Assert.Contains("haproxy_server_check_duration_seconds{proxy=\"be\",server=\"s1\"} 0.012", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("haproxy_server_check_duration_seconds{proxy=\"be\",server=\"s2\"}", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_MetricNames_AreHaproxyExporterNames()
    {
        var reference = File.ReadAllLines(StatsTestModel.TestData("haproxy-2.6-prometheus-names.txt")).ToHashSet(StringComparer.Ordinal);

        var names = PrometheusWriter.Write(Model().Collector.Collect()).Split('\n')
            .Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();

        Assert.Equal(["haproxy_backend_up"], names.Where(n => !reference.Contains(n)));
    }
}
