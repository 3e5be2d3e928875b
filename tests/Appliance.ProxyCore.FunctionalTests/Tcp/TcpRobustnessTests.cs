using System.Net.Sockets;
using Appliance.Tests.Common;
using static Appliance.ProxyCore.FunctionalTests.Tcp.TcpBalancingTests;

namespace Appliance.ProxyCore.FunctionalTests.Tcp;

public sealed class TcpRobustnessTests
{
    [Fact]
    public async Task GarbageFromBackend_PassedThroughAndProxyKeepsServing()
    {
        await using var backends = await Backends.StartAsync(2);
        var garbage = new byte[70_000];
        new Random(7).NextBytes(garbage);
        backends[0].RawReply = garbage;
        await using var proxy = await ProxyUnderTest.StartAsync(Config("roundrobin", backends.ServerLines()));

        using (var socket = await ConnectAsync(proxy.Port))
        {
            Assert.Equal(garbage, await ReadAllAsync(socket));
        }

        Assert.Equal(new Dictionary<string, int> { ["b1"] = 1 }, await CountGreetingsAsync(proxy.Port, 1));
    }

    [Fact]
    public async Task GarbageAndResetsFromClients_ProxyKeepsServing()
    {
        await using var backends = await Backends.StartAsync(1);
        await using var proxy = await ProxyUnderTest.StartAsync(Config("roundrobin", backends.ServerLines()));
        var random = new Random(11);

        for (var i = 0; i < 50; i++)
        {
            using var socket = await ConnectAsync(proxy.Port);
            var junk = new byte[random.Next(1, 20_000)];
            random.NextBytes(junk);
            await socket.SendAsync(junk, SocketFlags.None);
            if (i % 2 == 0)
            {
                socket.Close(0); // RST
            }
        }

        Assert.Equal(new Dictionary<string, int> { ["b0"] = 5 }, await CountGreetingsAsync(proxy.Port, 5));
        Assert.True(await TcpClientHelper.WaitUntilAsync(() => proxy.Engine.ActiveConnections == 0, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Stop_DrainsEstablishedConnection_ThenRefusesNewOnes()
    {
        await using var backends = await Backends.StartAsync(1);
        var proxy = await ProxyUnderTest.StartAsync(Config("roundrobin", backends.ServerLines()));
        var port = proxy.Port;
        using var held = await ConnectAsync(port);
        Assert.Equal("b0", await TcpClientHelper.ReadLineAsync(held, CancellationToken.None));

        var stop = proxy.Engine.StopAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(200);
        Assert.False(stop.IsCompleted);
        await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(port));

        // The established connection still works until the client leaves.
        await held.SendAsync("ping\n"u8.ToArray(), SocketFlags.None);
        Assert.Equal("ping", await TcpClientHelper.ReadLineAsync(held, CancellationToken.None));
        held.Shutdown(SocketShutdown.Send);
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
        await proxy.DisposeAsync();
    }

    private static async Task<byte[]> ReadAllAsync(Socket socket)
    {
        using var stream = new MemoryStream();
        var buffer = new byte[65536];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            stream.Write(buffer, 0, read);
        }

        return stream.ToArray();
    }
}
