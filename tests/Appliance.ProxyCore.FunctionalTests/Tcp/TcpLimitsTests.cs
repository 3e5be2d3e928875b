using System.Net.Sockets;
using Appliance.Tests.Common;
using static Appliance.ProxyCore.FunctionalTests.Tcp.TcpBalancingTests;

namespace Appliance.ProxyCore.FunctionalTests.Tcp;

public sealed class TcpLimitsTests
{
    [Fact]
    public async Task ServerMaxconn1_SecondClientQueued_ServedWhenFirstLeaves()
    {
        await using var backends = await Backends.StartAsync(1);
        await using var proxy = await ProxyUnderTest.StartAsync(
            Config("roundrobin", backends.ServerLines(_ => "maxconn 1"), backendExtra: "    timeout queue 10s"));

        using var first = await ConnectAsync(proxy.Port);
        Assert.Equal("b0", await TcpClientHelper.ReadLineAsync(first, CancellationToken.None));
        using var second = await ConnectAsync(proxy.Port);
        var secondGreeting = TcpClientHelper.ReadLineAsync(second, CancellationToken.None);

        await Task.Delay(300);
        Assert.False(secondGreeting.IsCompleted);
        Assert.True(await TcpClientHelper.WaitUntilAsync(() => proxy.Engine.Backends["be"].Queue.Count == 1, TimeSpan.FromSeconds(5)));

        first.Shutdown(SocketShutdown.Both);
        first.Close();
        Assert.Equal("b0", await secondGreeting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, backends[0].Accepted - 1);
    }

    [Fact]
    public async Task ServerMaxconn1_QueueTimeoutExpires_WaitingClientClosed()
    {
        await using var backends = await Backends.StartAsync(1);
        await using var proxy = await ProxyUnderTest.StartAsync(
            Config("roundrobin", backends.ServerLines(_ => "maxconn 1"), backendExtra: "    timeout queue 200ms"));

        using var first = await ConnectAsync(proxy.Port);
        Assert.Equal("b0", await TcpClientHelper.ReadLineAsync(first, CancellationToken.None));
        using var second = await ConnectAsync(proxy.Port);

        Assert.Null(await TcpClientHelper.ReadLineAsync(second, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, backends[0].Accepted);
    }

    [Fact]
    public async Task GlobalMaxconn1_SecondClientWaitsInBacklog_UntilFirstLeaves()
    {
        await using var backends = await Backends.StartAsync(1);
        var config = Config("roundrobin", backends.ServerLines()).Replace("maxconn 1000", "maxconn 1", StringComparison.Ordinal);
        await using var proxy = await ProxyUnderTest.StartAsync(config);

        using var first = await ConnectAsync(proxy.Port);
        Assert.Equal("b0", await TcpClientHelper.ReadLineAsync(first, CancellationToken.None));
        using var second = await ConnectAsync(proxy.Port);
        var secondGreeting = TcpClientHelper.ReadLineAsync(second, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(secondGreeting.IsCompleted);

        first.Close();
        Assert.Equal("b0", await secondGreeting.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Redispatch_ServerRefusesWithoutChecks_LastRetryGoesElsewhere()
    {
        await using var backends = await Backends.StartAsync(1);
        var deadPort = TcpClientHelper.FreePort();
        var lines = backends.ServerLines() + $"\n    server dead 127.0.0.1:{deadPort}";
        await using var proxy = await ProxyUnderTest.StartAsync(
            Config("roundrobin", lines, backendExtra: "    retries 1\n    option redispatch"));

        var counts = await CountGreetingsAsync(proxy.Port, 6);

        Assert.Equal(new Dictionary<string, int> { ["b0"] = 6 }, counts);
        Assert.InRange(proxy.Server("be", "dead").State.FailedConnections, 1, 6);
    }

    [Fact]
    public async Task NoRedispatch_ServerRefuses_ClientClosedAfterRetries()
    {
        var deadPort = TcpClientHelper.FreePort();
        await using var proxy = await ProxyUnderTest.StartAsync(
            Config("roundrobin", $"    server dead 127.0.0.1:{deadPort}", backendExtra: "    retries 2\n    timeout connect 100ms"));

        Assert.Null(await TcpClientHelper.ReadGreetingAsync(proxy.Port, TimeSpan.FromSeconds(10)));
        Assert.Equal(3, proxy.Server("be", "dead").State.FailedConnections);
    }
}
