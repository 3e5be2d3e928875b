using System.Net.Sockets;
using Appliance.ProxyCore.FunctionalTests.Tcp;
using Appliance.ProxyCore.Model;
using Appliance.Tests.Common;
using static Appliance.ProxyCore.FunctionalTests.Tcp.TcpBalancingTests;

namespace Appliance.ProxyCore.FunctionalTests.StickTables;

/// <summary>
/// A client that persistence (here a stick entry on its source address) sends to a server at its maxconn waits in that
/// server's own queue, as in HAProxy, instead of being balanced elsewhere; maxqueue and option redispatch bound that.
/// </summary>
public sealed class PersistentQueueTests
{
    [Fact]
    public async Task StuckServerFull_SecondClientWaitsInServerQueue_ServedByThatServer()
    {
        await using var stuck = await StuckClients.StartAsync("maxconn 1", "timeout queue 10s");

        Assert.False(stuck.SecondGreeting.IsCompleted);
        Assert.Equal(0, stuck.Backend.Queue.Count);

        stuck.First.Shutdown(SocketShutdown.Both);
        stuck.First.Close();
        Assert.Equal(stuck.Server.Name, await stuck.SecondGreeting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, stuck.Server.State.Queue.Count);
        Assert.Equal(1, stuck.Server.State.Queue.MaxCount);
    }

    [Fact]
    public async Task StuckServerQueueAtMaxqueue_NextClientRefused()
    {
        await using var stuck = await StuckClients.StartAsync("maxconn 1 maxqueue 1", "timeout queue 10s");

        using var third = await ConnectAsync(stuck.Proxy.Port);

        Assert.Null(await TcpClientHelper.ReadLineAsync(third, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, stuck.Server.State.Queue.Count);
        Assert.Equal(1, stuck.Backends.All.Sum(b => b.Accepted));
    }

    [Fact]
    public async Task StuckServerQueueAtMaxqueue_Redispatch_NextClientBalancedToAnotherServer()
    {
        await using var stuck = await StuckClients.StartAsync("maxconn 1 maxqueue 1", "timeout queue 10s\n    option redispatch");

        using var third = await ConnectAsync(stuck.Proxy.Port);
        var other = await TcpClientHelper.ReadLineAsync(third, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.NotNull(other);
        Assert.NotEqual(stuck.Server.Name, other);
        Assert.Equal(1, stuck.Server.State.Queue.Count);
    }

    [Fact]
    public async Task StuckServerGoesDownWhileClientWaits_Redispatch_ClientServedByAnotherServer()
    {
        await using var stuck = await StuckClients.StartAsync("maxconn 1", "timeout queue 10s\n    option redispatch");

        stuck.Server.State.SetOperatorAdmin(ServerAdminState.Maint);

        var other = await stuck.SecondGreeting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(other);
        Assert.NotEqual(stuck.Server.Name, other);
    }

    [Fact]
    public async Task StuckServerGoesDownWhileClientWaits_NoRedispatch_ClientWaitsUntilQueueTimeout()
    {
        await using var stuck = await StuckClients.StartAsync("maxconn 1", "timeout queue 500ms");

        stuck.Server.State.SetOperatorAdmin(ServerAdminState.Maint);

        Assert.Null(await stuck.SecondGreeting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, stuck.Backends.All.Sum(b => b.Accepted));
    }

    /// <summary>
    /// Two TCP backends behind <c>stick on src</c>; a first client holds its server's only slot and a second client
    /// from the same address waits in that server's queue.
    /// </summary>
    private sealed class StuckClients : IAsyncDisposable
    {
        private StuckClients(Backends backends, ProxyUnderTest proxy, Socket first, ServerModel server, Socket second)
        {
            Backends = backends;
            Proxy = proxy;
            First = first;
            Server = server;
            Second = second;
            SecondGreeting = TcpClientHelper.ReadLineAsync(second, CancellationToken.None);
        }

        public Backends Backends { get; }

        public ProxyUnderTest Proxy { get; }

        public BackendModel Backend => Proxy.Engine.Backends["be"];

        public Socket First { get; }

        /// <summary>The server the stick entry names.</summary>
        public ServerModel Server { get; }

        public Socket Second { get; }

        public Task<string?> SecondGreeting { get; }

        public static async Task<StuckClients> StartAsync(string serverParameters, string backendExtra)
        {
            var backends = await Backends.StartAsync(2);
            var proxy = await ProxyUnderTest.StartAsync(Config(
                "roundrobin",
                backends.ServerLines(_ => serverParameters),
                $"    stick-table type ip size 100 expire 10m\n    stick on src\n    {backendExtra}"));
            var first = await ConnectAsync(proxy.Port);
            var name = await TcpClientHelper.ReadLineAsync(first, CancellationToken.None);
            var server = proxy.Engine.Backends["be"].FindServer(name!)!;
            var second = await ConnectAsync(proxy.Port);
            var stuck = new StuckClients(backends, proxy, first, server, second);
            Assert.True(await TcpClientHelper.WaitUntilAsync(() => server.State.Queue.Count == 1, TimeSpan.FromSeconds(5)));
            return stuck;
        }

        public async ValueTask DisposeAsync()
        {
            First.Dispose();
            Second.Dispose();
            await Proxy.DisposeAsync();
            await Backends.DisposeAsync();
        }
    }
}
