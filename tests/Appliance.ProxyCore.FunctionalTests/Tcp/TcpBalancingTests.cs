using System.Net;
using System.Net.Sockets;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.FunctionalTests.Tcp;

public sealed class TcpBalancingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Roundrobin_EqualWeights_EachBackendGetsAThird()
    {
        await using var backends = await Backends.StartAsync(3);
        await using var proxy = await ProxyUnderTest.StartAsync(Config("roundrobin", backends.ServerLines()));

        var counts = await CountGreetingsAsync(proxy.Port, 300);

        Assert.Equal(new Dictionary<string, int> { ["b0"] = 100, ["b1"] = 100, ["b2"] = 100 }, counts);
    }

    [Fact]
    public async Task StaticRr_Weights123_ProportionalShares()
    {
        await using var backends = await Backends.StartAsync(3);
        var lines = backends.ServerLines(i => $"weight {i + 1}");
        await using var proxy = await ProxyUnderTest.StartAsync(Config("static-rr", lines));

        var counts = await CountGreetingsAsync(proxy.Port, 600);

        Assert.Equal(new Dictionary<string, int> { ["b0"] = 100, ["b1"] = 200, ["b2"] = 300 }, counts);
    }

    [Fact]
    public async Task Leastconn_LongConnectionsHeld_EachServerGetsOne()
    {
        await using var backends = await Backends.StartAsync(3);
        await using var proxy = await ProxyUnderTest.StartAsync(Config("leastconn", backends.ServerLines()));

        var held = new List<Socket>();
        var names = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            var socket = await ConnectAsync(proxy.Port);
            held.Add(socket);
            names.Add(await TcpClientHelper.ReadLineAsync(socket, CancellationToken.None));
        }

        Assert.Equal(["b0", "b1", "b2"], names.Order().ToList());
        held.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Source_SameClientAddress_AlwaysSameServer_DifferentAddressesSpread()
    {
        await using var backends = await Backends.StartAsync(3);
        await using var proxy = await ProxyUnderTest.StartAsync(Config("source", backends.ServerLines()));

        var perClient = new Dictionary<string, HashSet<string>>();
        for (var client = 1; client <= 30; client++)
        {
            var source = IPAddress.Parse($"127.0.{client}.1");
            var seen = perClient[source.ToString()] = [];
            for (var i = 0; i < 5; i++)
            {
                using var socket = await ConnectAsync(proxy.Port, source);
                seen.Add((await TcpClientHelper.ReadLineAsync(socket, CancellationToken.None))!);
            }
        }

        Assert.All(perClient.Values, servers => Assert.Single(servers));
        Assert.Equal(3, perClient.Values.Select(s => s.Single()).Distinct().Count());
    }

    [Fact]
    public async Task First_ServersWithMaxconn2_FillInOrder()
    {
        await using var backends = await Backends.StartAsync(3);
        await using var proxy = await ProxyUnderTest.StartAsync(Config("first", backends.ServerLines(_ => "maxconn 2")));

        var held = new List<Socket>();
        var names = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            var socket = await ConnectAsync(proxy.Port);
            held.Add(socket);
            names.Add(await TcpClientHelper.ReadLineAsync(socket, CancellationToken.None));
        }

        Assert.Equal(["b0", "b0", "b1", "b1", "b2"], names);
        held.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Backup_UsedOnlyWhenActiveServerIsDown()
    {
        await using var backends = await Backends.StartAsync(2);
        var lines = backends.ServerLines(i => i == 1 ? "backup" : string.Empty);
        await using var proxy = await ProxyUnderTest.StartAsync(Config("roundrobin", lines));

        Assert.Equal(new Dictionary<string, int> { ["b0"] = 10 }, await CountGreetingsAsync(proxy.Port, 10));
        proxy.Server("be", "b0").State.SetHealth(ProxyCore.Model.ServerHealth.Down, 0);
        Assert.Equal(new Dictionary<string, int> { ["b1"] = 10 }, await CountGreetingsAsync(proxy.Port, 10));
    }

    internal static string Config(string balance, string serverLines, string backendExtra = "", string globalExtra = "") => $"""
        global
            maxconn 1000
        {globalExtra}
        defaults
            mode tcp
            timeout connect 2s
            timeout client 30s
            timeout server 30s
        frontend fe
            bind 127.0.0.1:{TcpClientHelper.FreePort()}
            default_backend be
        backend be
            balance {balance}
        {backendExtra}
        {serverLines}
        """;

    internal static async Task<Dictionary<string, int>> CountGreetingsAsync(int port, int connections)
    {
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < connections; i++)
        {
            var name = await TcpClientHelper.ReadGreetingAsync(port, Timeout) ?? "(closed)";
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        return counts;
    }

    internal static async Task<Socket> ConnectAsync(int port, IPAddress? source = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (source is not null)
        {
            socket.Bind(new IPEndPoint(source, 0));
        }

        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return socket;
    }
}
