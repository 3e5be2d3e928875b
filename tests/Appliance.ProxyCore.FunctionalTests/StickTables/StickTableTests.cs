using System.Net;
using Appliance.Contracts.Replication;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.FunctionalTests.Http;
using Appliance.ProxyCore.FunctionalTests.Tcp;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.FunctionalTests.StickTables;

public sealed class StickTableTests
{
    private const string StickOnSource = """
            stick-table type ip size 100 expire 10m
            stick on src
        """;

    [Fact]
    public async Task HttpStickOnSrc_NewConnections_SameServerEveryTime()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backendExtra: StickOnSource);

        var seen = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            seen.Add(await GetOnNewConnectionAsync(fixture, "/"));
        }

        var server = Assert.Single(seen);
        var entry = Assert.Single(fixture.Proxy.Engine.StickTables.All["be"].Snapshot());
        Assert.Equal(new StickKey(StickKeyType.Ipv4, "127.0.0.1"), entry.Key);
        Assert.Equal(server, entry.Server);
    }

    [Fact]
    public async Task HttpLearnedCookie_StoredFromResponse_PinsRequestsCarryingIt()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backendExtra: """
                stick-table type string len 64 size 100 expire 30m
                stick store-response res.cook(JSESSIONID)
                stick match req.cook(JSESSIONID)
            """);

        var loggedIn = await GetOnNewConnectionAsync(fixture, "/login");
        var entry = Assert.Single(fixture.Proxy.Engine.StickTables.All["be"].Snapshot());
        Assert.Equal(("abc123", loggedIn), (entry.Key.Value, entry.Server));

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(loggedIn, await GetOnNewConnectionAsync(fixture, "/", "JSESSIONID=abc123"));
        }

        // Without the cookie the balancer alternates.
        var anonymous = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            anonymous.Add(await GetOnNewConnectionAsync(fixture, "/"));
        }

        Assert.Equal(2, anonymous.Count);
    }

    [Fact]
    public async Task HttpStickOnSrc_PinnedServerDown_RebalancedAndEntryRestored()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backendExtra: StickOnSource);
        var first = await GetOnNewConnectionAsync(fixture, "/");
        fixture.Proxy.Server("be", first).State.SetHealth(ServerHealth.Down, 0);

        var second = await GetOnNewConnectionAsync(fixture, "/");
        Assert.NotEqual(first, second);
        Assert.Equal(second, Assert.Single(fixture.Proxy.Engine.StickTables.All["be"].Snapshot()).Server);

        fixture.Proxy.Server("be", first).State.SetHealth(ServerHealth.Up, 0);
        Assert.Equal(second, await GetOnNewConnectionAsync(fixture, "/"));
    }

    [Fact]
    public async Task HttpStickOnSrc_OptionPersist_DownServerStillTried()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backendExtra: StickOnSource + "\n    option persist");
        var first = await GetOnNewConnectionAsync(fixture, "/");

        // Marked down, though it still answers: option persist sends the pinned client there anyway.
        fixture.Proxy.Server("be", first).State.SetHealth(ServerHealth.Down, 0);
        Assert.Equal(first, await GetOnNewConnectionAsync(fixture, "/"));

        fixture.Proxy.Server("be", first).State.SetOperatorAdmin(ServerAdminState.Maint);
        Assert.NotEqual(first, await GetOnNewConnectionAsync(fixture, "/"));
    }

    [Fact]
    public async Task HttpStickOnSrc_ConditionFalse_NoEntryStored()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backendExtra: """
                stick-table type ip size 100 expire 10m
                acl live path_beg /live
                stick on src if live
            """);

        await GetOnNewConnectionAsync(fixture, "/");
        Assert.Equal(0, fixture.Proxy.Engine.StickTables.All["be"].Count);
        await GetOnNewConnectionAsync(fixture, "/live/x");
        Assert.Equal(1, fixture.Proxy.Engine.StickTables.All["be"].Count);
    }

    [Fact]
    public async Task HttpStickOnSrc_PinnedServerDraining_StillServesTheClient()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backendExtra: StickOnSource);
        var first = await GetOnNewConnectionAsync(fixture, "/");
        fixture.Proxy.Server("be", first).State.SetOperatorAdmin(ServerAdminState.Drain);

        Assert.Equal(first, await GetOnNewConnectionAsync(fixture, "/"));
    }

    [Fact]
    public async Task HttpReload_SameTable_EntriesKept()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backendExtra: StickOnSource);
        var first = await GetOnNewConnectionAsync(fixture, "/");
        var table = fixture.Proxy.Engine.StickTables.All["be"];

        var reloaded = ConfigLoader.LoadText(fixture.ConfigText.Replace("size 100 ", "size 500 ", StringComparison.Ordinal), "reload.cfg");
        Assert.True(reloaded.IsValid, string.Join('\n', reloaded.Diagnostics));
        await fixture.Proxy.Engine.ReloadAsync(reloaded.Config!);

        Assert.Same(table, fixture.Proxy.Engine.StickTables.All["be"]);
        Assert.Equal(500, table.Config.Size);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(first, await GetOnNewConnectionAsync(fixture, "/"));
        }
    }

    [Fact]
    public async Task TcpStickOnSrc_NewConnections_SameServerEveryTime()
    {
        await using var backends = await Backends.StartAsync(3);
        await using var proxy = await ProxyUnderTest.StartAsync(TcpBalancingTests.Config("roundrobin", backends.ServerLines(), StickOnSource));

        var counts = await TcpBalancingTests.CountGreetingsAsync(proxy.Port, 9);

        Assert.Equal(9, Assert.Single(counts).Value);
        Assert.Equal(Assert.Single(counts).Key, Assert.Single(proxy.Engine.StickTables.All["be"].Snapshot()).Server);
    }

    /// <summary>GET on a fresh connection (no keep-alive reuse); returns the name of the backend that answered.</summary>
    internal static async Task<string> GetOnNewConnectionAsync(HttpProxyFixture fixture, string path, string? cookie = null)
    {
        using var handler = new HttpClientHandler { UseCookies = false };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Url(path));
        request.Headers.ConnectionClose = true;
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues("X-Backend", out var names) ? names.Single() : await response.Content.ReadAsStringAsync();
    }
}
