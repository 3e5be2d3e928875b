using System.Net.Http.Headers;
using System.Text;
using Appliance.Tests.Common;
using Appliance.Tests.Common.Http;

namespace Appliance.ProxyCore.FunctionalTests.Stats;

/// <summary>
/// Two Kestrel backends behind frontend <c>fe</c> (with the Prometheus exporter on <c>/metrics</c>) and a <c>stats</c>
/// listen section with its own port, on a real engine on 127.0.0.1.
/// </summary>
internal sealed class StatsFixture : IAsyncDisposable
{
    public const string User = "admin";
    public const string Password = "s3cret";

    private StatsFixture(List<TestHttpBackend> backends, ProxyUnderTest proxy)
    {
        Backends = backends;
        Proxy = proxy;
        Client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    public List<TestHttpBackend> Backends { get; }

    public ProxyUnderTest Proxy { get; }

    public HttpClient Client { get; }

    public int FrontendPort => Proxy.Engine.ListeningEndPoints[0].Port;

    public int StatsPort => Proxy.Engine.ListeningEndPoints[1].Port;

    /// <param name="statsLines">The stats section's lines (after bind).</param>
    /// <param name="serverExtra">Appended to each server line.</param>
    /// <param name="backendLines">More lines of backend <c>be</c>, after its servers.</param>
    public static async Task<StatsFixture> StartAsync(string statsLines, string serverExtra = "", string backendLines = "")
    {
        var backends = new List<TestHttpBackend> { await TestHttpBackend.StartAsync("web0"), await TestHttpBackend.StartAsync("web1") };
        var servers = string.Join('\n', backends.Select(b => $"    server {b.Name} 127.0.0.1:{b.Port} {serverExtra}"));
        var config = $"""
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend fe
                bind 127.0.0.1:{TcpClientHelper.FreePort()}
                http-request use-service prometheus-exporter if {"{"} path /metrics {"}"}
                default_backend be
            backend be
            {servers}
            {backendLines}
            listen stats
                bind 127.0.0.1:{TcpClientHelper.FreePort()}
            {statsLines}
            """;
        return new StatsFixture(backends, await ProxyUnderTest.StartAsync(config));
    }

    public Uri FrontendUrl(string path) => new($"http://127.0.0.1:{FrontendPort}{path}");

    public Uri StatsUrl(string path) => new($"http://127.0.0.1:{StatsPort}{path}");

    /// <summary>A GET of the stats listener, with Basic credentials when <paramref name="credentials"/> is given.</summary>
    public Task<HttpResponseMessage> GetStatsAsync(string path, string? credentials = User + ":" + Password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, StatsUrl(path));
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        return Client.SendAsync(request);
    }

    public async Task<string> GetStatsTextAsync(string path)
    {
        using var response = await GetStatsAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Sends <paramref name="count"/> GETs of / through the frontend; returns the X-Backend of each.</summary>
    public async Task<List<string>> SendTrafficAsync(int count)
    {
        var served = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var response = await Client.GetAsync(FrontendUrl("/"));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            served.Add(response.Headers.GetValues("X-Backend").Single());
        }

        return served;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Proxy.DisposeAsync();
        foreach (var backend in Backends)
        {
            await backend.DisposeAsync();
        }
    }
}
