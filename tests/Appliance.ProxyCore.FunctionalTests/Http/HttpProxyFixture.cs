using Appliance.Tests.Common;
using Appliance.Tests.Common.Http;

namespace Appliance.ProxyCore.FunctionalTests.Http;

/// <summary>Two Kestrel backends behind an HTTP-mode proxy, with helpers to build the configuration.</summary>
internal sealed class HttpProxyFixture : IAsyncDisposable
{
    private HttpProxyFixture(List<TestHttpBackend> backends, ProxyUnderTest proxy, string configText)
    {
        Backends = backends;
        Proxy = proxy;
        ConfigText = configText;
    }

    /// <summary>The configuration the proxy started with (its listener's port included), e.g. to reload a variant.</summary>
    public string ConfigText { get; }

    public List<TestHttpBackend> Backends { get; }

    public ProxyUnderTest Proxy { get; }

    public int Port => Proxy.Port;

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    public int BackendConnections => Backends.Sum(b => b.Connections);

    /// <param name="sectionsBefore">Sections placed before <c>defaults</c> (e.g. a <c>peers</c> section).</param>
    public static async Task<HttpProxyFixture> StartAsync(
        int backends = 2, string frontendExtra = "", string backendExtra = "", string serverExtra = "", string sectionsBefore = "")
    {
        var started = new List<TestHttpBackend>();
        for (var i = 0; i < backends; i++)
        {
            started.Add(await TestHttpBackend.StartAsync($"web{i}"));
        }

        // serverExtra may say {0} for the server's own name (e.g. "cookie {0}").
        var servers = string.Join('\n', started.Select(b => $"    server {b.Name} 127.0.0.1:{b.Port} {string.Format(System.Globalization.CultureInfo.InvariantCulture, serverExtra, b.Name)}"));
        var config = $"""
            {sectionsBefore}
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend fe
                bind 127.0.0.1:{TcpClientHelper.FreePort()}
            {frontendExtra}
                default_backend be
            backend be
            {backendExtra}
            {servers}
            """;
        return new HttpProxyFixture(started, await ProxyUnderTest.StartAsync(config), config);
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        foreach (var backend in Backends)
        {
            await backend.DisposeAsync();
        }
    }
}
