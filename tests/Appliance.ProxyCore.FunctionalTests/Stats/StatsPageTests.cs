using System.Net;
using System.Text.RegularExpressions;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.FunctionalTests.Stats;

public partial class StatsPageTests
{
    private const string AuthStats = """
            stats uri /stats
            stats realm Lab\ Stats
            stats auth admin:s3cret
            stats admin if TRUE
            stats refresh 5s
        """;

    [GeneratedRegex("""^(haproxy_[a-z_]+)\{([a-z]+="[^"]*"(?:,[a-z]+="[^"]*")*)\} (-?[0-9][0-9.e+-]*)$""")]
    private static partial Regex Sample();

    [Fact]
    public async Task Get_WithoutCredentials_401WithRealm()
    {
        await using var fixture = await StatsFixture.StartAsync(AuthStats);

        using var response = await fixture.GetStatsAsync("/stats", credentials: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"Lab Stats\"", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task Get_WrongCredentials_401()
    {
        await using var fixture = await StatsFixture.StartAsync(AuthStats);

        using var response = await fixture.GetStatsAsync("/stats", "admin:guess");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Get_RightCredentials_HtmlPage()
    {
        await using var fixture = await StatsFixture.StartAsync(AuthStats);

        using var response = await fixture.GetStatsAsync("/stats");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"5\">", html, StringComparison.Ordinal);
        Assert.Contains("data-server=\"web0\"", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/stats\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_ReadByPythonCsvModule_EveryRowFullAndCountersMoveWithTraffic()
    {
        await using var fixture = await StatsFixture.StartAsync(AuthStats);
        var before = await PythonCsv.ReadAsync(await fixture.GetStatsTextAsync("/stats;csv"), "stot", "hrsp_2xx");

        await fixture.SendTrafficAsync(6);
        var after = await PythonCsv.ReadAsync(await fixture.GetStatsTextAsync("/stats;csv"), "stot", "bin", "bout", "hrsp_2xx", "req_tot", "status");

        // 128 columns plus the empty one after HAProxy's trailing comma.
        Assert.Equal(["129 fe/FRONTEND 0 0", "129 be/web0 0 0", "129 be/web1 0 0", "129 be/BACKEND 0 0", "129 stats/FRONTEND 1 0", "129 stats/BACKEND 0 0"], before);
        var rows = after.Select(l => l.Split(' ')).ToDictionary(r => r[1]);
        Assert.All(rows.Values, r => Assert.Equal("129", r[0]));
        // HttpClient keeps its connection: one frontend session (a connection, as in HAProxy) carried six requests.
        Assert.Equal(["1", "6", "6", "OPEN"], [rows["fe/FRONTEND"][2], rows["fe/FRONTEND"][5], rows["fe/FRONTEND"][6], rows["fe/FRONTEND"][7]]);
        Assert.Equal(["3", "3", "3", "no check"], [rows["be/web0"][2], rows["be/web0"][5], rows["be/web0"][6], string.Join(' ', rows["be/web0"][7..])]);
        Assert.Equal(["3", "3"], [rows["be/web1"][2], rows["be/web1"][5]]);
        Assert.Equal(["6", "6", "6", "UP"], [rows["be/BACKEND"][2], rows["be/BACKEND"][5], rows["be/BACKEND"][6], rows["be/BACKEND"][7]]);
        foreach (var key in new[] { "fe/FRONTEND", "be/web0", "be/BACKEND" })
        {
            Assert.True(long.Parse(rows[key][3]) > 6 * 16, $"{key} bin {rows[key][3]}");
            Assert.True(long.Parse(rows[key][4]) > 6 * 64, $"{key} bout {rows[key][4]}");
        }

        // What the servers received and sent, the frontend received from and sent to the client (same bytes here).
        Assert.Equal(long.Parse(rows["be/web0"][3]) + long.Parse(rows["be/web1"][3]), long.Parse(rows["be/BACKEND"][3]));
    }

    [Fact]
    public async Task Json_Parses_ServerRowsTyped()
    {
        await using var fixture = await StatsFixture.StartAsync(AuthStats);
        await fixture.SendTrafficAsync(2);

        using var json = System.Text.Json.JsonDocument.Parse(await fixture.GetStatsTextAsync("/stats;json"));

        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(6, rows.Count);
        var fe = rows[0].EnumerateArray().ToDictionary(f => f.GetProperty("field").GetProperty("name").GetString()!, f => f.GetProperty("value"));
        Assert.Equal("""{"type":"u64","value":2}""", fe["req_tot"].GetRawText());
        Assert.Equal("""{"type":"str","value":"OPEN"}""", fe["status"].GetRawText());
    }

    [Fact]
    public async Task AdminPost_DrainServer_TrafficStopsGoingToIt()
    {
        await using var fixture = await StatsFixture.StartAsync(AuthStats);
        Assert.Equal(["web0", "web1"], (await fixture.SendTrafficAsync(4)).Distinct().Order());

        using var post = new HttpRequestMessage(HttpMethod.Post, fixture.StatsUrl("/stats"))
        {
            Content = new FormUrlEncodedContent([new("s", "web0"), new("action", "drain"), new("b", "#2")]),
        };
        post.Headers.Authorization = new("Basic", Convert.ToBase64String("admin:s3cret"u8.ToArray()));
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler);
        using var response = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/stats;st=DONE", response.Headers.Location!.OriginalString);
        Assert.Equal(ServerAdminState.Drain, fixture.Proxy.Server("be", "web0").State.OperatorAdmin);
        Assert.Equal(["web1"], (await fixture.SendTrafficAsync(6)).Distinct());
        var page = await fixture.GetStatsTextAsync("/stats;st=DONE");
        Assert.Contains("<td class=\"status drain\">DRAIN</td>", page, StringComparison.Ordinal);
        Assert.Contains("Action processed successfully.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPost_ConditionFalse_Denied()
    {
        await using var fixture = await StatsFixture.StartAsync("    stats uri /stats\n    stats admin if FALSE\n");

        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler);
        using var response = await client.PostAsync(fixture.StatsUrl("/stats"), new FormUrlEncodedContent([new("s", "web0"), new("action", "maint"), new("b", "be")]));

        Assert.Equal("/stats;st=DENY", response.Headers.Location!.OriginalString);
        Assert.Equal(ServerAdminState.Ready, fixture.Proxy.Server("be", "web0").State.OperatorAdmin);
        Assert.DoesNotContain("<form", await fixture.GetStatsTextAsync("/stats"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_LinesParse_ValuesMatchTraffic()
    {
        await using var fixture = await StatsFixture.StartAsync(AuthStats);
        await fixture.SendTrafficAsync(5);

        using var response = await fixture.Client.GetAsync(fixture.FrontendUrl("/metrics"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
        {
            var match = Sample().Match(line);
            Assert.True(match.Success, line);
            samples.Add($"{match.Groups[1].Value}{{{match.Groups[2].Value}}}", double.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(5, samples["haproxy_frontend_http_responses_total{proxy=\"fe\",code=\"2xx\"}"]);
        Assert.Equal(6, samples["haproxy_frontend_http_requests_total{proxy=\"fe\"}"]);
        Assert.Equal(5, samples["haproxy_backend_sessions_total{proxy=\"be\"}"]);
        Assert.Equal(5, samples["haproxy_server_sessions_total{proxy=\"be\",server=\"web0\"}"] + samples["haproxy_server_sessions_total{proxy=\"be\",server=\"web1\"}"]);
        Assert.Equal(1, samples["haproxy_server_status{proxy=\"be\",server=\"web0\",state=\"UP\"}"]);
        Assert.Equal(1, samples["haproxy_backend_up{proxy=\"be\"}"]);
        Assert.True(samples["haproxy_backend_bytes_out_total{proxy=\"be\"}"] > 0);
    }

    [Fact]
    public async Task StatsUriOnFrontend_TakenBeforeRouting_OtherPathsForwarded()
    {
        await using var fixture = await StatsFixture.StartAsync("    stats uri /stats\n");

        using var stats = await fixture.Client.GetAsync(fixture.StatsUrl("/stats;csv"));
        using var other = await fixture.Client.GetAsync(fixture.StatsUrl("/other"));
        using var head = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, fixture.StatsUrl("/stats")));

        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.StartsWith("# pxname,svname,", await stats.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.True(head.Content.Headers.ContentLength > 1000);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DownServer_CheckStatusAndDownTransitionShown()
    {
        await using var fixture = await StatsFixture.StartAsync("    stats uri /stats\n", "check inter 200ms fall 1 rise 1");
        await fixture.Backends[0].DisposeAsync();
        fixture.Backends.RemoveAt(0);
        Assert.True(await Appliance.Tests.Common.TcpClientHelper.WaitUntilAsync(
            () => fixture.Proxy.Server("be", "web0").State.Health == ServerHealth.Down && fixture.Proxy.Server("be", "web1").Checks.LastCheck is not null,
            TimeSpan.FromSeconds(10)));

        var csv = await PythonCsv.ReadAsync(await fixture.GetStatsTextAsync("/stats;csv"), "status", "check_status", "chkdown", "act");

        Assert.Contains("129 be/web0 DOWN L4CON 1 1", csv);
        Assert.Contains("129 be/web1 UP L4OK 0 1", csv);
        Assert.Contains("129 be/BACKEND UP  0 1", csv);
    }

    [Fact]
    public async Task DeadServer_RetryThenRedispatch_CountedOnServerAndBackend()
    {
        var deadPort = Appliance.Tests.Common.TcpClientHelper.FreePort();
        await using var fixture = await StatsFixture.StartAsync(
            "    stats uri /stats\n", backendLines: $"    server dead 127.0.0.1:{deadPort}\n    retries 2\n    option redispatch");

        // Round robin: web0, web1, then dead, whose request is retried once (after the 1 s turn-around) then redispatched.
        var served = await fixture.SendTrafficAsync(3);

        Assert.Equal(3, served.Count);
        var csv = await PythonCsv.ReadAsync(await fixture.GetStatsTextAsync("/stats;csv"), "econ", "wretr", "wredis", "hrsp_2xx");
        Assert.Contains("129 be/dead 0 1 1 0", csv);
        Assert.Contains("129 be/BACKEND 0 1 1 3", csv);
    }

    [Fact]
    public async Task DeadServer_RetriesExhausted_ConnectErrorAnd503Counted()
    {
        var deadPort = Appliance.Tests.Common.TcpClientHelper.FreePort();
        var statsPort = Appliance.Tests.Common.TcpClientHelper.FreePort();
        await using var proxy = await ProxyUnderTest.StartAsync($"""
            defaults
                mode http
                timeout connect 200ms
                timeout client 10s
                timeout server 10s
            listen web
                bind 127.0.0.1:{statsPort}
                stats uri /stats
                retries 1
                server dead 127.0.0.1:{deadPort}
            """);
        using var client = new HttpClient();

        using var failed = await client.GetAsync($"http://127.0.0.1:{statsPort}/");
        var csv = await PythonCsv.ReadAsync(await client.GetStringAsync($"http://127.0.0.1:{statsPort}/stats;csv"), "econ", "wretr", "wredis", "hrsp_5xx");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Contains("129 web/dead 1 1 0 0", csv);
        Assert.Contains("129 web/BACKEND 1 1 0 1", csv);
        Assert.Contains("129 web/FRONTEND    1", csv);
    }
}
