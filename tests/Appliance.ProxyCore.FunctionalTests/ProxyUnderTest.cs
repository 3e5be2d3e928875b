using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.FunctionalTests;

/// <summary>A real <see cref="ProxyEngine"/> started from configuration text on 127.0.0.1.</summary>
internal sealed class ProxyUnderTest : IAsyncDisposable
{
    private ProxyUnderTest(ProxyEngine engine)
    {
        Engine = engine;
    }

    public ProxyEngine Engine { get; }

    /// <summary>The port of the first listener.</summary>
    public int Port => Engine.ListeningEndPoints[0].Port;

    public static async Task<ProxyUnderTest> StartAsync(string configText, ProxyEngineOptions? options = null)
    {
        var result = ConfigLoader.LoadText(configText, "test.cfg");
        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        var engine = new ProxyEngine(result.Config!, options ?? new ProxyEngineOptions());
        await engine.StartAsync();
        return new ProxyUnderTest(engine);
    }

    public ServerModel Server(string backend, string server) => Engine.Backends[backend].FindServer(server)!;

    public async ValueTask DisposeAsync() => await Engine.DisposeAsync();
}
