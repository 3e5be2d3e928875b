using System.Net;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Stats;
using Appliance.Tests.Common;
using Appliance.Tests.Common.Http;

namespace Appliance.ProxyCore.FunctionalTests.Stats;

/// <summary>The stats page as a person sees it: rendered by a real headless Chromium, screenshot kept in docs/.</summary>
public class StatsPageBrowserTests
{
    private sealed class LabStatus : IApplianceStatus
    {
        public string NodeName => "lb1";

        public string? Role => "MASTER";

        public IReadOnlyList<string> Vips => ["10.213.0.10/24"];
    }

    [Fact]
    public async Task Chromium_RendersPage_ServersAndStatusesInDomAndScreenshotSaved()
    {
        Assert.True(HeadlessChromium.IsInstalled, "chromium is not installed (.ci/run installs it)");
        await using var web0 = await TestHttpBackend.StartAsync("web0");
        await using var web1 = await TestHttpBackend.StartAsync("web1");
        await using var web2 = await TestHttpBackend.StartAsync("web2");
        var deadPort = TcpClientHelper.FreePort();
        var statsPort = TcpClientHelper.FreePort();
        await using var proxy = await ProxyUnderTest.StartAsync($"""
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend www
                bind 127.0.0.1:{TcpClientHelper.FreePort()}
                default_backend app
            backend app
                balance roundrobin
                server web0 127.0.0.1:{web0.Port} check inter 300ms
                server web1 127.0.0.1:{web1.Port} check inter 300ms
                server web2 127.0.0.1:{web2.Port} check inter 300ms
                server web3 127.0.0.1:{deadPort} check inter 300ms fall 1
                server old 127.0.0.1:{deadPort} disabled
                server spare 127.0.0.1:{web2.Port} backup
            listen stats
                bind 127.0.0.1:{statsPort}
                stats uri /
                stats show-node
                stats show-desc Lab load balancer
                stats show-legends
                stats admin if LOCALHOST
            """);
        proxy.Engine.ApplianceStatus = new LabStatus();
        proxy.Server("app", "web2").State.SetOperatorAdmin(ServerAdminState.Drain);
        Assert.True(await TcpClientHelper.WaitUntilAsync(() => proxy.Server("app", "web3").State.Health == ServerHealth.Down, TimeSpan.FromSeconds(10)));
        using (var client = new HttpClient())
        {
            for (var i = 0; i < 12; i++)
            {
                using var response = await client.GetAsync($"http://127.0.0.1:{proxy.Engine.ListeningEndPoints[0].Port}/");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        var url = new Uri($"http://127.0.0.1:{statsPort}/");
        // docs/stats-page.png is refreshed only on request (APPLIANCE_WRITE_DOCS=1), so a test run leaves the tree clean.
        var screenshot = Environment.GetEnvironmentVariable("APPLIANCE_WRITE_DOCS") == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "stats-page.png")
            : Path.Combine(Path.GetTempPath(), $"stats-page-{Guid.NewGuid():N}.png");
        await HeadlessChromium.ScreenshotAsync(url, screenshot);
        var dom = await HeadlessChromium.DumpDomAsync(url);

        Assert.True(new FileInfo(screenshot).Length > 30_000, $"{screenshot} is only {new FileInfo(screenshot).Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(screenshot)[..4]);
        foreach (var (server, state, status) in new[]
        {
            ("web0", "up", "UP"), ("web1", "up", "UP"), ("web2", "drain", "DRAIN"), ("web3", "down", "DOWN"), ("old", "maint", "MAINT"), ("spare", "up", "no check"),
        })
        {
            Assert.Matches($"<tr class=\"server {state}\" data-server=\"{server}\">.*?<td class=\"status {state}\">{status}</td>", dom);
        }

        Assert.Contains("HA role: <span class=\"role\">MASTER</span>", dom, StringComparison.Ordinal);
        Assert.Contains("10.213.0.10/24", dom, StringComparison.Ordinal);
        Assert.Contains("<h1>Statistics on lb1</h1>", dom, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" name=\"s\" value=\"web0\">", dom, StringComparison.Ordinal);
        if (screenshot.StartsWith(Path.GetTempPath(), StringComparison.Ordinal))
        {
            File.Delete(screenshot);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Appliance.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"no Appliance.sln above {AppContext.BaseDirectory}");
    }
}
