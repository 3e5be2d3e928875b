using System.Net;
using System.Text;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.FunctionalTests.Http;

public sealed class HttpFeatureTests
{
    [Fact]
    public async Task Pipelining_ThreeRequestsInOneWrite_ThreeResponsesInOrder()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1);
        var requests = "GET /status/201 HTTP/1.1\r\nHost: t\r\n\r\nGET /status/202 HTTP/1.1\r\nHost: t\r\n\r\n" +
                       "GET /status/203 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";

        var response = await RawHttp.SendAsync(fixture.Port, Encoding.ASCII.GetBytes(requests));

        var statuses = response.Split("HTTP/1.1 ", StringSplitOptions.RemoveEmptyEntries).Select(r => r[..3]).ToList();
        Assert.Equal(["201", "202", "203"], statuses);
    }

    [Fact]
    public async Task BalanceUri_SameUriSameServer_DifferentUrisSpread()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 3, backendExtra: "    balance uri");
        using var client = new HttpClient();

        var byUri = new Dictionary<int, HashSet<string>>();
        for (var uri = 0; uri < 30; uri++)
        {
            var seen = byUri[uri] = [];
            for (var i = 0; i < 3; i++)
            {
                using var response = await client.GetAsync(fixture.Url($"/live/{uri}/index.m3u8"));
                seen.Add(response.Headers.GetValues("X-Backend").Single());
            }
        }

        Assert.All(byUri.Values, s => Assert.Single(s));
        Assert.True(byUri.Values.Select(s => s.Single()).Distinct().Count() >= 2);
    }

    [Fact]
    public async Task BalanceHdr_SameHostSameServer()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 3, backendExtra: "    balance hdr(X-Tenant)");
        using var client = new HttpClient();

        var byTenant = new Dictionary<string, HashSet<string>>();
        foreach (var tenant in Enumerable.Range(0, 20).Select(i => $"tenant{i}"))
        {
            var seen = byTenant[tenant] = [];
            for (var i = 0; i < 3; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Url("/"));
                request.Headers.Add("X-Tenant", tenant);
                using var response = await client.SendAsync(request);
                seen.Add(await response.Content.ReadAsStringAsync());
            }
        }

        Assert.All(byTenant.Values, s => Assert.Single(s));
        Assert.True(byTenant.Values.Select(s => s.Single()).Distinct().Count() >= 2);
    }

    [Fact]
    public async Task Errorfile_ReplacesTheProxysOwnPages()
    {
        using var directory = new TempDirectory();
        var page503 = directory.Write("503.http", "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain\r\ncontent-length: 11\r\nconnection: close\r\n\r\nmaintenance");
        var page400 = directory.Write("400.http", "HTTP/1.1 400 Bad Request\r\ncontent-length: 8\r\nconnection: close\r\n\r\nbad one!");
        await using var fixture = await HttpProxyFixture.StartAsync(
            backends: 1, frontendExtra: $"    errorfile 400 {page400}", backendExtra: $"    errorfile 503 {page503}");
        fixture.Proxy.Server("be", "web0").State.SetHealth(ProxyCore.Model.ServerHealth.Down, 0);
        using var client = new HttpClient();

        using var unavailable = await client.GetAsync(fixture.Url("/"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal("maintenance", await unavailable.Content.ReadAsStringAsync());

        var bad = await RawHttp.SendAsync(fixture.Port, "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"u8.ToArray());
        Assert.EndsWith("bad one!", bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocketUpgradeWithoutKey_400AndNothingReachesTheServer()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backends: 1);

        var response = await RawHttp.SendAsync(fixture.Port,
            "GET /ws HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\r\n"u8.ToArray());

        Assert.Equal(400, RawHttp.StatusOf(response));
        Assert.Equal(0, fixture.BackendConnections);
    }
}
