using System.Net.Sockets;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;
using Appliance.Tests.Common;
using static Appliance.ProxyCore.FunctionalTests.Tcp.TcpBalancingTests;

namespace Appliance.ProxyCore.FunctionalTests.Reload;

public sealed class ReloadTests
{
    [Fact]
    public async Task Reload_ServersChangedUnderLoad_NoConnectionRefusedAndNewServersServe()
    {
        await using var backends = await Backends.StartAsync(3);
        var port = TcpClientHelper.FreePort();
        await using var proxy = await ProxyUnderTest.StartAsync(TcpConfig(port, backends, [0]));
        using var load = new CancellationTokenSource();
        var failures = 0;
        var served = 0;
        var loop = Task.Run(async () =>
        {
            while (!load.IsCancellationRequested)
            {
                var greeting = await TcpClientHelper.ReadGreetingAsync(port, TimeSpan.FromSeconds(5)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null);
                if (greeting is null)
                {
                    Interlocked.Increment(ref failures);
                }
                else
                {
                    Interlocked.Increment(ref served);
                }
            }
        });

        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(50);
            var report = await proxy.Engine.ReloadAsync(Load(TcpConfig(port, backends, i % 2 == 0 ? [1, 2] : [0])));
            Assert.Single(report.Kept);
        }

        await Task.Delay(100);
        await load.CancelAsync();
        await loop;

        Assert.Equal(0, failures);
        Assert.True(served > 50, $"only {served} connections during the reloads");
        // The tenth reload (i = 9) left b0 alone in the backend.
        Assert.Equal(new Dictionary<string, int> { ["b0"] = 20 }, await CountGreetingsAsync(port, 20));
    }

    [Fact]
    public async Task Reload_EstablishedConnection_KeepsWorkingOnTheOldConfiguration()
    {
        await using var backends = await Backends.StartAsync(2);
        var port = TcpClientHelper.FreePort();
        await using var proxy = await ProxyUnderTest.StartAsync(TcpConfig(port, backends, [0]));
        using var established = await ConnectAsync(port);
        Assert.Equal("b0", await TcpClientHelper.ReadLineAsync(established, CancellationToken.None));

        await proxy.Engine.ReloadAsync(Load(TcpConfig(port, backends, [1])));

        await established.SendAsync("still\n"u8.ToArray(), SocketFlags.None);
        Assert.Equal("still", await TcpClientHelper.ReadLineAsync(established, CancellationToken.None));
        Assert.Equal("b1", await TcpClientHelper.ReadGreetingAsync(port, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Reload_SameServers_HealthAdminStateAndCountersCarryOver()
    {
        await using var backends = await Backends.StartAsync(2);
        var port = TcpClientHelper.FreePort();
        await using var proxy = await ProxyUnderTest.StartAsync(TcpConfig(port, backends, [0, 1]));
        await CountGreetingsAsync(port, 10);
        var before = proxy.Server("be", "b0").State;
        before.SetOperatorAdmin(ServerAdminState.Drain);
        var total = before.TotalConnections;

        await proxy.Engine.ReloadAsync(Load(TcpConfig(port, backends, [0, 1], weight: 3)));

        var after = proxy.Server("be", "b0").State;
        Assert.Same(before, after);
        Assert.Equal((ServerAdminState.Drain, total, 3), (after.OperatorAdmin, after.TotalConnections, after.ConfiguredWeight));
        Assert.Equal(new Dictionary<string, int> { ["b1"] = 6 }, await CountGreetingsAsync(port, 6));
    }

    [Fact]
    public async Task Reload_NewAddressCannotBeBound_RefusedAndRunningConfigurationStays()
    {
        await using var backends = await Backends.StartAsync(2);
        var port = TcpClientHelper.FreePort();
        await using var proxy = await ProxyUnderTest.StartAsync(TcpConfig(port, backends, [0]));
        using var squatter = new TcpListenerHolder();

        var error = await Assert.ThrowsAsync<ProxyStartException>(() =>
            proxy.Engine.ReloadAsync(Load(TcpConfig(port, backends, [1]) + $"\nfrontend extra\n    bind 127.0.0.1:{squatter.Port}\n    default_backend be\n")));

        Assert.Contains($"127.0.0.1:{squatter.Port}", error.Message, StringComparison.Ordinal);
        Assert.Equal("b0", await TcpClientHelper.ReadGreetingAsync(port, TimeSpan.FromSeconds(5)));
        Assert.Single(proxy.Engine.ListeningEndPoints);
    }

    [Fact]
    public async Task Reload_BindMoved_OldAddressClosedNewOneServes()
    {
        await using var backends = await Backends.StartAsync(1);
        var first = TcpClientHelper.FreePort();
        var second = TcpClientHelper.FreePort();
        await using var proxy = await ProxyUnderTest.StartAsync(TcpConfig(first, backends, [0]));

        var report = await proxy.Engine.ReloadAsync(Load(TcpConfig(second, backends, [0])));

        Assert.Empty(report.Kept);
        Assert.Equal([$"127.0.0.1:{second}"], report.Opened);
        Assert.Equal([$"127.0.0.1:{first}"], report.Closed);
        await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(first));
        Assert.Equal("b0", await TcpClientHelper.ReadGreetingAsync(second, TimeSpan.FromSeconds(5)));
    }

    private static string TcpConfig(int port, Backends backends, int[] servers, int weight = 1) => $"""
        defaults
            mode tcp
            timeout connect 2s
            timeout client 30s
            timeout server 30s
        frontend fe
            bind 127.0.0.1:{port}
            default_backend be
        backend be
        {string.Join('\n', servers.Select(i => $"    server b{i} 127.0.0.1:{backends[i].Port} weight {weight}"))}
        """;

    private static ApplianceConfig Load(string text)
    {
        var result = ConfigLoader.LoadText(text, "reload.cfg");
        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        return result.Config!;
    }

    /// <summary>Holds a port so the proxy cannot bind it.</summary>
    private sealed class TcpListenerHolder : IDisposable
    {
        private readonly System.Net.Sockets.TcpListener _listener = new(System.Net.IPAddress.Loopback, 0);

        public TcpListenerHolder() => _listener.Start();

        public int Port => ((System.Net.IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose() => _listener.Stop();
    }
}
