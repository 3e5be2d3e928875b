using System.Net.Sockets;
using System.Text;
using Appliance.ProxyCore.Forwarding.Tcp;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Forwarding.Tcp;

public sealed class TcpTunnelTests
{
    // The tunnel sits between "client" (its Far end is the proxy's client socket) and "server" (Near end is the proxy's).
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_ClientHalfCloses_ServerStillAnswersThenBothEndClean()
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, CancellationToken.None);

        await client.Near.SendAsync(Encoding.ASCII.GetBytes("hello"), SocketFlags.None);
        client.Near.Shutdown(SocketShutdown.Send);

        Assert.Equal("hello", await ReadToEndAsync(server.Far));
        await server.Far.SendAsync(Encoding.ASCII.GetBytes("bye"), SocketFlags.None);
        server.Far.Shutdown(SocketShutdown.Send);
        Assert.Equal("bye", await ReadToEndAsync(client.Near));

        var result = await tunnel.WaitAsync(Wait);
        Assert.Equal(new TunnelResult(5, 3, null), result);
    }

    [Fact]
    public async Task RunAsync_LargeTransfer_ArrivesIntactInBothDirections()
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, CancellationToken.None);
        var payload = new byte[3 * 1024 * 1024 + 17];
        new Random(42).NextBytes(payload);

        var upload = Task.Run(async () =>
        {
            await client.Near.SendAsync(payload, SocketFlags.None);
            client.Near.Shutdown(SocketShutdown.Send);
        });
        var received = await ReadAllBytesAsync(server.Far);
        await upload;
        server.Far.Shutdown(SocketShutdown.Send);
        await ReadAllBytesAsync(client.Near);

        Assert.Equal(payload, received);
        var result = await tunnel.WaitAsync(Wait);
        Assert.Equal(payload.Length, result.BytesFromClient);
    }

    [Fact]
    public async Task RunAsync_ClientSilentPastTimeoutClient_EndsWithClientTermination()
    {
        var time = new FakeTimeProvider();
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        var timeouts = new TunnelTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(50), null, null, null);
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, timeouts, time, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(tunnel.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));

        var result = await tunnel.WaitAsync(Wait);
        Assert.Equal("client", result.Termination);
        Assert.Equal(0, await client.Near.ReceiveAsync(new byte[1], SocketFlags.None));
    }

    [Fact]
    public async Task RunAsync_TrafficKeepsTunnelAlive_UntilTunnelTimeoutOfSilence()
    {
        var time = new FakeTimeProvider();
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        var timeouts = new TunnelTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), null, null, TimeSpan.FromSeconds(10));
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, timeouts, time, CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(6));
            await client.Near.SendAsync(new byte[] { 1 }, SocketFlags.None);
            Assert.Equal(1, await server.Far.ReceiveAsync(new byte[1], SocketFlags.None));
        }

        Assert.False(tunnel.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(11));
        var result = await tunnel.WaitAsync(Wait);
        Assert.Equal("tunnel", result.Termination);
    }

    [Fact]
    public async Task RunAsync_ServerResets_ClientConnectionIsClosed()
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, CancellationToken.None);

        server.Far.Close(0);

        var result = await tunnel.WaitAsync(Wait);
        Assert.NotNull(result.Termination);
        Assert.Equal(0, await ReceiveOrZeroAsync(client.Near));
    }

    [Fact]
    public async Task RunAsync_StopRequested_AbortsBothSides()
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var stop = new CancellationTokenSource();
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, stop.Token);

        await stop.CancelAsync();

        var result = await tunnel.WaitAsync(Wait);
        Assert.Equal("aborted", result.Termination);
    }

    private static async Task<int> ReceiveOrZeroAsync(Socket socket)
    {
        try
        {
            return await socket.ReceiveAsync(new byte[16], SocketFlags.None);
        }
        catch (SocketException)
        {
            return 0;
        }
    }

    private static async Task<string> ReadToEndAsync(Socket socket) => Encoding.ASCII.GetString(await ReadAllBytesAsync(socket));

    private static async Task<byte[]> ReadAllBytesAsync(Socket socket)
    {
        using var stream = new MemoryStream();
        var buffer = new byte[65536];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
            if (read == 0)
            {
                return stream.ToArray();
            }

            stream.Write(buffer, 0, read);
        }
    }
}
