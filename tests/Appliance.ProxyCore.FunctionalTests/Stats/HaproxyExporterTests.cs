using System.Diagnostics;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.FunctionalTests.Stats;

/// <summary>
/// The stats CSV read by a consumer operators already run: Debian's prometheus-haproxy-exporter (the standalone
/// haproxy_exporter) scrapes <c>/stats;csv</c> with Basic credentials and must parse every row.
/// </summary>
public sealed class HaproxyExporterTests
{
    private const string AuthStats = """
            stats uri /stats
            stats auth admin:s3cret
        """;

    [ExporterFact]
    public async Task Scrape_StatsCsvBehindBasicAuth_ParsedWithoutFailuresAndCountersFollowTraffic()
    {
        await using var fixture = await StatsFixture.StartAsync(AuthStats);
        await fixture.SendTrafficAsync(4);
        var port = TcpClientHelper.FreePort();
        var info = new ProcessStartInfo(ExporterFactAttribute.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add($"--haproxy.scrape-uri=http://{StatsFixture.User}:{StatsFixture.Password}@127.0.0.1:{fixture.StatsPort}/stats;csv");
        info.ArgumentList.Add($"--web.listen-address=127.0.0.1:{port}");
        using var exporter = Process.Start(info)!;
        try
        {
            var metrics = await ScrapeAsync(fixture.Client, port);

            Has(metrics, "haproxy_up 1");
            Has(metrics, "haproxy_exporter_csv_parse_failures_total 0");
            Has(metrics, "haproxy_server_up{backend=\"be\",server=\"web0\"} 1");
            Has(metrics, "haproxy_server_up{backend=\"be\",server=\"web1\"} 1");
            Has(metrics, "haproxy_backend_up{backend=\"be\"} 1");
            var requests = metrics.Single(m => m.StartsWith("haproxy_frontend_http_requests_total{frontend=\"fe\"} ", StringComparison.Ordinal));
            Assert.True(double.Parse(requests.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= 4, requests);
        }
        finally
        {
            exporter.Kill();
            await exporter.WaitForExitAsync();
        }
    }

    private static void Has(List<string> metrics, string line) =>
        Assert.True(metrics.Contains(line), $"{line} not in:\n{string.Join('\n', metrics.Where(m => m.StartsWith("haproxy_", StringComparison.Ordinal)))}");

    private static async Task<List<string>> ScrapeAsync(HttpClient client, int port)
    {
        // The exporter listens shortly after it starts; it scrapes the stats page on every request to /metrics.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                var text = await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
                return [.. text.Split('\n')];
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
