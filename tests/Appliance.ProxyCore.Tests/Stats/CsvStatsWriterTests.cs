using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Stats;

namespace Appliance.ProxyCore.Tests.Stats;

public class CsvStatsWriterTests
{
    /// <summary>The configuration HAProxy 2.6 ran to produce TestData/haproxy-2.6-show-stat.csv (ports aside).</summary>
    private const string HaproxyTwin = """
        frontend fe
            bind 127.0.0.1:18081
            default_backend be
        backend be
            balance roundrobin
            server s1 127.0.0.1:18091 check inter 1s
            server s2 127.0.0.1:18092
            server s3 127.0.0.1:18093 backup disabled
        listen stats
            bind 127.0.0.1:18080
            stats enable
            stats uri /st
        """;

    [Fact]
    public void CsvHeader_EqualsHaproxy26ShowStatHeader()
    {
        var haproxy = File.ReadAllLines(StatsTestModel.TestData("haproxy-2.6-show-stat-header.csv"))[0];

        Assert.Equal(haproxy, StatsFields.CsvHeader);
        Assert.Equal(128, StatsFields.Count);
    }

    [Fact]
    public void Write_SameConfigurationAsHaproxy_SameRowsAndSameEmptyColumns()
    {
        var model = StatsTestModel.Load(HaproxyTwin);
        var s1 = model.Server("be", "s1");
        s1.Checks.RecordCheck(new CheckReport("L4CON", null, "Connection refused", "Layer4 connection problem", TimeSpan.Zero), passed: false, health: 0);
        s1.State.SetHealth(ServerHealth.Down, 0);
        var haproxy = File.ReadAllLines(StatsTestModel.TestData("haproxy-2.6-show-stat.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();

        var ours = model.CsvRows();

        Assert.Equal(haproxy.Select(r => $"{r[0]}/{r[1]}"), ours.Select(r => $"{r[0]}/{r[1]}"));
        for (var i = 0; i < haproxy.Count; i++)
        {
            var expected = Enumerable.Range(0, haproxy[i].Length).Where(c => haproxy[i][c].Length > 0).Select(c => StatsFields.Info((StatsField)c).Name);
            var actual = Enumerable.Range(0, ours[i].Length).Where(c => ours[i][c].Length > 0).Select(c => StatsFields.Info((StatsField)c).Name);
            Assert.Equal(string.Join(',', expected), string.Join(',', actual));
        }
    }

    [Fact]
    public void Write_AfterTraffic_CountersInHaproxyColumns()
    {
        var model = StatsTestModel.Load(HaproxyTwin);
        var frontend = model.Frontend("fe");
        var s2 = model.Server("be", "s2");
        frontend.Traffic.SessionOpened();
        frontend.Traffic.RequestReceived();
        Assert.True(s2.State.TryAcquireSlot());
        s2.State.Traffic.AddBytesIn(120);
        s2.State.Traffic.AddBytesOut(900);
        s2.State.Traffic.RequestAnswered(200);
        frontend.Traffic.AddBytesIn(120);
        frontend.Traffic.AddBytesOut(900);
        frontend.Traffic.ResponseSent(200);
        frontend.Traffic.RequestDenied();
        model.Time.Advance(TimeSpan.FromSeconds(7));

        var rows = model.CsvRows();

        var fe = rows.Single(r => r[1] == "FRONTEND" && r[0] == "fe");
        Assert.Equal(["1", "1", "4096", "1", "120", "900", "1"], [fe[4], fe[5], fe[6], fe[7], fe[8], fe[9], fe[10]]);
        Assert.Equal(["1", "1"], [fe[(int)StatsField.Hrsp2xx], fe[(int)StatsField.ReqTot]]);
        var s2Row = rows.Single(r => r[1] == "s2");
        Assert.Equal(["1", "1", "1", "120", "900", "no check", "1"], [s2Row[4], s2Row[5], s2Row[7], s2Row[8], s2Row[9], s2Row[17], s2Row[18]]);
        Assert.Equal("7", s2Row[(int)StatsField.LastSess]);
        Assert.Equal("1", s2Row[(int)StatsField.Hrsp2xx]);
        var be = rows.Single(r => r[0] == "be" && r[1] == "BACKEND");
        Assert.Equal(["1", "1", "1", "UP", "2", "2", "0"], [be[4], be[5], be[7], be[17], be[18], be[19], be[20]]);
    }

    [Fact]
    public void Write_ValueWithComma_QuotedWithInnerQuotesDoubled()
    {
        var model = StatsTestModel.Load(HaproxyTwin);
        model.Server("be", "s1").Checks.RecordCheck(
            new CheckReport("L7STS", 503, "Service \"down\", retry", "Layer7 wrong status", TimeSpan.FromMilliseconds(4)), passed: false, health: 1);

        var csv = CsvStatsWriter.Write(model.Collector.Collect());

        Assert.Contains(",L7STS,503,4,", csv, StringComparison.Ordinal);
        Assert.Contains(",\"Service \"\"down\"\", retry\",", csv, StringComparison.Ordinal);
    }
}
