using System.Net;
using Appliance.Tests.Common.Http;

namespace Appliance.ProxyCore.FunctionalTests.Http;

public sealed class CookiePersistenceTests
{
    [Fact]
    public async Task InsertIndirectNocache_ClientPinned_CookieHiddenFromServer()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(
            backendExtra: "    cookie SERVERID insert indirect nocache", serverExtra: "cookie {0}");
        using var client = NoCookieClient();

        using var first = await client.GetAsync(fixture.Url("/"));
        var pinned = await first.Content.ReadAsStringAsync();
        Assert.Equal($"SERVERID={pinned}; path=/", Assert.Single(first.Headers.GetValues("Set-Cookie")));
        Assert.Equal("private", first.Headers.CacheControl?.ToString());

        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Url("/headers"));
            request.Headers.Add("Cookie", $"other=1; SERVERID={pinned}");
            using var response = await client.SendAsync(request);
            Assert.Equal(pinned, response.Headers.GetValues("X-Backend").Single());
            Assert.False(response.Headers.Contains("Set-Cookie"));
            var seen = await response.Content.ReadAsStringAsync();
            Assert.Contains("Cookie: other=1", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("SERVERID", seen, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Insert_CookieNamesDownServer_RedispatchedAndRepinned()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backendExtra: "    cookie SERVERID insert indirect", serverExtra: "cookie {0}");
        fixture.Proxy.Server("be", "web0").State.SetHealth(ProxyCore.Model.ServerHealth.Down, 0);
        using var client = NoCookieClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Url("/"));
        request.Headers.Add("Cookie", "SERVERID=web0");
        using var response = await client.SendAsync(request);

        Assert.Equal("web1", await response.Content.ReadAsStringAsync());
        Assert.Equal("SERVERID=web1; path=/", Assert.Single(response.Headers.GetValues("Set-Cookie")));
    }

    [Fact]
    public async Task Insert_DrainingServer_StillServesItsPinnedClients()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backendExtra: "    cookie SERVERID insert indirect", serverExtra: "cookie {0}");
        fixture.Proxy.Server("be", "web0").State.SetOperatorAdmin(ProxyCore.Model.ServerAdminState.Drain);
        using var client = NoCookieClient();

        using var pinned = new HttpRequestMessage(HttpMethod.Get, fixture.Url("/"));
        pinned.Headers.Add("Cookie", "SERVERID=web0");
        Assert.Equal("web0", await (await client.SendAsync(pinned)).Content.ReadAsStringAsync());
        Assert.Equal("web1", await client.GetStringAsync(fixture.Url("/")));
    }

    [Fact]
    public async Task Prefix_ApplicationCookieRewrittenBothWays()
    {
        await using var fixture = await HttpProxyFixture.StartAsync(backendExtra: "    cookie JSESSIONID prefix nocache", serverExtra: "cookie {0}");
        using var client = NoCookieClient();

        using var login = await client.GetAsync(fixture.Url("/login"));
        var server = await login.Content.ReadAsStringAsync();
        Assert.Equal($"JSESSIONID={server}~abc123; Path=/", Assert.Single(login.Headers.GetValues("Set-Cookie")));

        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.Url("/headers"));
        request.Headers.Add("Cookie", $"JSESSIONID={server}~abc123");
        using var response = await client.SendAsync(request);
        Assert.Equal(server, response.Headers.GetValues("X-Backend").Single());
        Assert.Contains("Cookie: JSESSIONID=abc123", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cookie SERVERID insert indirect nocache", "/")]
    [InlineData("cookie JSESSIONID prefix nocache", "/login")]
    [InlineData("cookie SERVERID insert indirect httponly secure", "/")]
    public async Task SameConfig_HaproxySideBySide_SameSetCookieAndPinning(string cookieLine, string path)
    {
        Assert.True(HaproxyReference.IsInstalled, "haproxy is not installed (.ci/run installs it)");
        await using var fixture = await HttpProxyFixture.StartAsync(backendExtra: "    " + cookieLine, serverExtra: "cookie {0}");
        var servers = string.Join('\n', fixture.Backends.Select(b => $"    server {b.Name} 127.0.0.1:{b.Port} cookie {b.Name}"));
        using var haproxy = await HaproxyReference.StartWithBackendAsync($"    {cookieLine}\n{servers}");
        using var client = NoCookieClient();

        var ours = await FirstAndPinnedAsync(client, fixture.Port, path);
        var theirs = await FirstAndPinnedAsync(client, haproxy.Port, path);

        Assert.Equal(Normalize(theirs.SetCookie, theirs.Server), Normalize(ours.SetCookie, ours.Server));
        Assert.Equal(theirs.PinnedServers, ours.PinnedServers);
    }

    private static async Task<(string SetCookie, string Server, int PinnedServers)> FirstAndPinnedAsync(HttpClient client, int port, string path)
    {
        using var first = await client.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"));
        var server = first.Headers.GetValues("X-Backend").Single();
        var setCookie = first.Headers.GetValues("Set-Cookie").Single();
        var cookie = setCookie.Split(';')[0];
        var seen = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/"));
            request.Headers.Add("Cookie", cookie);
            using var response = await client.SendAsync(request);
            seen.Add(response.Headers.GetValues("X-Backend").Single());
        }

        Assert.Equal(server, Assert.Single(seen));
        return (setCookie, server, seen.Count);
    }

    // Which server a fresh client lands on may differ; the cookie's shape must not.
    private static string Normalize(string setCookie, string server) => setCookie.Replace(server, "SERVER", StringComparison.Ordinal).ToLowerInvariant();

    private static HttpClient NoCookieClient() => new(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = 1 });
}
