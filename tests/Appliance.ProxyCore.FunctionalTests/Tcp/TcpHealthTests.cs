using Appliance.ProxyCore.Model;
using Appliance.Tests.Common;
using static Appliance.ProxyCore.FunctionalTests.Tcp.TcpBalancingTests;

namespace Appliance.ProxyCore.FunctionalTests.Tcp;

public sealed class TcpHealthTests
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task KilledBackend_MarkedDownAfterFallChecks_ItsShareMovesWithNoFailedConnection()
    {
        await using var backends = await Backends.StartAsync(3);
        var lines = backends.ServerLines(_ => "check inter 100ms fall 2 rise 2");
        await using var proxy = await ProxyUnderTest.StartAsync(Config("roundrobin", lines));
        await WaitUpAsync(proxy, "b0", "b1", "b2");
        Assert.Equal(3, (await CountGreetingsAsync(proxy.Port, 30)).Count);

        backends[1].Stop();
        var dead = proxy.Server("be", "b1");
        Assert.True(await TcpClientHelper.WaitUntilAsync(() => dead.State.Health == ServerHealth.Down, Settle));

        await WaitUpAsync(proxy, "b0", "b2");

        var counts = await CountGreetingsAsync(proxy.Port, 60);
        Assert.Equal(new Dictionary<string, int> { ["b0"] = 30, ["b2"] = 30 }, counts);
    }

    /// <summary>
    /// Under a loaded CI machine a 100 ms check of a healthy server can time out, and a server that never completed its
    /// rise is taken down by its first failure (HAProxy's start state); wait until the healthy ones are up again.
    /// </summary>
    private static async Task WaitUpAsync(ProxyUnderTest proxy, params string[] servers) =>
        Assert.True(await TcpClientHelper.WaitUntilAsync(
            () => servers.All(s => proxy.Server("be", s).State.Health == ServerHealth.Up), Settle));

    [Fact]
    public async Task ServerMarkedDown_EstablishedConnectionKeepsWorking_NewConnectionsGoElsewhere()
    {
        await using var backends = await Backends.StartAsync(2);
        await using var checkTarget = new TestBackend("check-port");
        var lines = backends.ServerLines(i => i == 0 ? $"check port {checkTarget.Port} inter 100ms fall 1 rise 1" : string.Empty);
        await using var proxy = await ProxyUnderTest.StartAsync(Config("roundrobin", lines));
        using var established = await ConnectAsync(proxy.Port);
        Assert.Equal("b0", await TcpClientHelper.ReadLineAsync(established, CancellationToken.None));

        checkTarget.Stop();
        var server = proxy.Server("be", "b0");
        Assert.True(await TcpClientHelper.WaitUntilAsync(() => server.State.Health == ServerHealth.Down, Settle));

        await established.SendAsync("still here\n"u8.ToArray(), System.Net.Sockets.SocketFlags.None);
        Assert.Equal("still here", await TcpClientHelper.ReadLineAsync(established, CancellationToken.None));
        Assert.Equal(new Dictionary<string, int> { ["b1"] = 10 }, await CountGreetingsAsync(proxy.Port, 10));
    }

    [Fact]
    public async Task RevivedBackend_MarkedUpAfterRiseChecks_TakesTrafficAgain()
    {
        await using var backends = await Backends.StartAsync(2);
        var port = backends[1].Port;
        var lines = backends.ServerLines(_ => "check inter 100ms fall 2 rise 2");
        await using var proxy = await ProxyUnderTest.StartAsync(Config("roundrobin", lines));
        var server = proxy.Server("be", "b1");
        backends[1].Stop();
        Assert.True(await TcpClientHelper.WaitUntilAsync(() => server.State.Health == ServerHealth.Down, Settle));

        await using var revived = new TestBackend("b1", port);
        Assert.True(await TcpClientHelper.WaitUntilAsync(() => server.State.Health == ServerHealth.Up, Settle));
        await WaitUpAsync(proxy, "b0", "b1");

        var counts = await CountGreetingsAsync(proxy.Port, 20);
        Assert.Equal(new Dictionary<string, int> { ["b0"] = 10, ["b1"] = 10 }, counts);
    }

    [Fact]
    public async Task Agent_DrainThenReady_MovesTrafficOffAndBack()
    {
        await using var backends = await Backends.StartAsync(2);
        await using var agent = new TestAgent("ready");
        var lines = backends.ServerLines(i => i == 0 ? $"agent-check agent-port {agent.Port} agent-inter 100ms" : string.Empty);
        await using var proxy = await ProxyUnderTest.StartAsync(Config("roundrobin", lines));
        var agentServer = proxy.Server("be", "b0");

        agent.Reply = "drain";
        Assert.True(await TcpClientHelper.WaitUntilAsync(() => agentServer.State.EffectiveWeight == 0, Settle));
        Assert.Equal(new Dictionary<string, int> { ["b1"] = 20 }, await CountGreetingsAsync(proxy.Port, 20));

        agent.Reply = "ready";
        Assert.True(await TcpClientHelper.WaitUntilAsync(() => agentServer.State.EffectiveWeight == 1, Settle));
        Assert.Equal(new Dictionary<string, int> { ["b0"] = 10, ["b1"] = 10 }, await CountGreetingsAsync(proxy.Port, 20));
    }

    [Fact]
    public async Task Agent_UpWhileRegularCheckFails_ServerStaysDown()
    {
        await using var backends = await Backends.StartAsync(2);
        await using var agent = new TestAgent("up");
        var lines = backends.ServerLines(i => i == 0
            ? $"check inter 100ms fall 1 rise 1 agent-check agent-port {agent.Port} agent-inter 100ms"
            : string.Empty);
        await using var proxy = await ProxyUnderTest.StartAsync(Config("roundrobin", lines));
        var server = proxy.Server("be", "b0");

        backends[0].Stop();
        Assert.True(await TcpClientHelper.WaitUntilAsync(() => server.State.Health == ServerHealth.Down, Settle));
        await Task.Delay(500);

        Assert.Equal(ServerHealth.Down, server.State.Health);
        Assert.Equal(new Dictionary<string, int> { ["b1"] = 10 }, await CountGreetingsAsync(proxy.Port, 10));
    }
}
