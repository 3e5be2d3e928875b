using System.Net.Sockets;
using System.Security.Cryptography;
using Appliance.ProxyCore.Forwarding.Tcp;
using Appliance.ProxyCore.Forwarding.Tcp.Splice;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Forwarding.Tcp;

/// <summary>The splice path itself (Linux): what went through pipes, the wait for a full send buffer, pipe reuse.</summary>
public sealed class TcpTunnelSpliceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [LinuxFact]
    public async Task RunAsync_SpliceAlways_LargeTransfersBothWaysAtOnce_IntactCountedAndSpliced()
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var pipes = new SplicePipePool();
        var tunnel = RunAsync(client, server, SpliceMode.Always, pipes);
        var up = Payload(8 * 1024 * 1024 + 5, seed: 1);
        var down = Payload(6 * 1024 * 1024 + 3, seed: 2);

        var upload = SendAndFinishAsync(client.Near, up);
        var download = SendAndFinishAsync(server.Far, down);
        var atServer = ReadAllAsync(server.Far);
        var atClient = ReadAllAsync(client.Near);
        await Task.WhenAll(upload, download, atServer, atClient).WaitAsync(Wait);

        Assert.Equal(SHA256.HashData(up), SHA256.HashData(await atServer));
        Assert.Equal(SHA256.HashData(down), SHA256.HashData(await atClient));
        var result = await tunnel.WaitAsync(Wait);
        Assert.Equal(new TunnelResult(up.Length, down.Length, null), result);
        Assert.Equal(up.Length + down.Length, pipes.SplicedBytes + pipes.CopiedBytes);
        Assert.True(pipes.SplicedBytes > pipes.CopiedBytes, $"spliced {pipes.SplicedBytes}, copied {pipes.CopiedBytes}");
        Assert.Equal(2, pipes.OpenPipes);
    }

    [LinuxFact]
    public async Task RunAsync_SpliceAlways_ReceiverStalls_WaitsForRoomThenDeliversEverything()
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var pipes = new SplicePipePool();
        server.Near.SendBufferSize = 16 * 1024;
        server.Far.ReceiveBufferSize = 16 * 1024;
        var tunnel = RunAsync(client, server, SpliceMode.Always, pipes);
        var up = Payload(4 * 1024 * 1024, seed: 3);

        var upload = SendAndFinishAsync(client.Near, up);
        // Nobody reads at the server for a while: the proxy's send buffer fills and splice answers EAGAIN.
        await WaitUntilAsync(() => pipes.CopiedBytes > 0);
        var received = await ReadAllAsync(server.Far).WaitAsync(Wait);
        await upload.WaitAsync(Wait);
        server.Far.Shutdown(SocketShutdown.Send);
        await ReadAllAsync(client.Near).WaitAsync(Wait);

        Assert.Equal(SHA256.HashData(up), SHA256.HashData(received));
        var result = await tunnel.WaitAsync(Wait);
        Assert.Equal(up.Length, result.BytesFromClient);
        Assert.Equal(up.Length, pipes.SplicedBytes + pipes.CopiedBytes);
    }

    [Fact]
    public async Task RunAsync_SpliceAuto_SmallExchange_CopiesWithoutAPipe()
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var pipes = new SplicePipePool();
        var tunnel = RunAsync(client, server, SpliceMode.Auto, pipes);

        await SendAndFinishAsync(client.Near, Payload(100, seed: 4));
        Assert.Equal(100, (await ReadAllAsync(server.Far)).Length);
        await SendAndFinishAsync(server.Far, Payload(200, seed: 5));
        Assert.Equal(200, (await ReadAllAsync(client.Near)).Length);

        Assert.Equal(new TunnelResult(100, 200, null), await tunnel.WaitAsync(Wait));
        Assert.Equal(0, pipes.SplicedBytes);
        Assert.Equal(0, pipes.OpenPipes);
    }

    [Fact]
    public async Task RunAsync_NoPipeAllowed_CopiesEverything()
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var pipes = new SplicePipePool();
        var splice = new TunnelSplice(new SplicePolicy(SpliceMode.Always, SpliceMode.Always), pipes, MaxPipes: 0);
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, splice, CancellationToken.None);
        var up = Payload(1024 * 1024, seed: 6);

        var upload = SendAndFinishAsync(client.Near, up);
        var received = await ReadAllAsync(server.Far).WaitAsync(Wait);
        await upload;
        server.Far.Shutdown(SocketShutdown.Send);
        await ReadAllAsync(client.Near);

        Assert.Equal(up, received);
        Assert.Equal(new TunnelResult(up.Length, 0, null), await tunnel.WaitAsync(Wait));
        Assert.Equal(0, pipes.SplicedBytes);
        Assert.Equal(0, pipes.OpenPipes);
    }

    [LinuxFact]
    public async Task RunAsync_SecondTunnel_ReusesTheFirstTunnelsPipes()
    {
        using var pipes = new SplicePipePool();
        for (var i = 0; i < 2; i++)
        {
            using var client = await SocketPair.CreateAsync();
            using var server = await SocketPair.CreateAsync();
            var tunnel = RunAsync(client, server, SpliceMode.Always, pipes);
            await SendAndFinishAsync(client.Near, Payload(1000, seed: i));
            await ReadAllAsync(server.Far);
            await SendAndFinishAsync(server.Far, Payload(1000, seed: i));
            await ReadAllAsync(client.Near);
            Assert.Equal(new TunnelResult(1000, 1000, null), await tunnel.WaitAsync(Wait));
            Assert.Equal(2, pipes.OpenPipes);
        }

        Assert.Equal(4000, pipes.SplicedBytes);
    }

    [LinuxFact]
    public async Task RunAsync_SpliceAlways_ClientResetsMidDownload_EndsAsClientResetAndDropsTheFullPipe()
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var pipes = new SplicePipePool();
        client.Far.SendBufferSize = 16 * 1024;
        client.Near.ReceiveBufferSize = 16 * 1024;
        var tunnel = RunAsync(client, server, SpliceMode.Always, pipes);

        // The server streams more than the client will ever read; the client resets once the proxy is stuck sending.
        var download = SendAndFinishAsync(server.Far, Payload(32 * 1024 * 1024, seed: 7));
        await WaitUntilAsync(() => pipes.CopiedBytes > 0);
        client.Near.Close(0);

        var result = await tunnel.WaitAsync(Wait);
        Assert.Equal("client-reset", result.Termination);
        Assert.True(result.BytesFromServer < 32 * 1024 * 1024);
        await Assert.ThrowsAnyAsync<SocketException>(() => download.WaitAsync(Wait));
        Assert.True(pipes.OpenPipes <= 1, $"{pipes.OpenPipes} pipes open: the one holding undelivered bytes must be closed");
    }

    [LinuxFact]
    public async Task RunAsync_SpliceAlways_ServerClosesAfterResponse_ClientGetsAllThenEof()
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var pipes = new SplicePipePool();
        var tunnel = RunAsync(client, server, SpliceMode.Always, pipes);
        var response = Payload(3 * 1024 * 1024 + 1, seed: 8);

        await client.Near.SendAsync(Payload(50, seed: 9), SocketFlags.None);
        await server.Far.ReceiveAsync(new byte[50], SocketFlags.None);
        var send = Task.Run(async () =>
        {
            await server.Far.SendAsync(response, SocketFlags.None);
            server.Far.Close();
        });

        // The client still has its send side open: the server's FIN arrives as end of stream, then the client finishes.
        Assert.Equal(SHA256.HashData(response), SHA256.HashData(await ReadAllAsync(client.Near).WaitAsync(Wait)));
        await send;
        client.Near.Shutdown(SocketShutdown.Send);
        var result = await tunnel.WaitAsync(Wait);
        Assert.Equal(response.Length, result.BytesFromServer);
        Assert.Equal(50, result.BytesFromClient);
    }

    private static TunnelSplice Splice(SpliceMode mode, SplicePipePool pipes) => TcpTunnelTests.Splice(mode, pipes);

    private static byte[] Payload(int length, int seed)
    {
        var payload = new byte[length];
        new Random(seed).NextBytes(payload);
        return payload;
    }

    private static async Task SendAndFinishAsync(Socket socket, byte[] payload)
    {
        await socket.SendAsync(payload, SocketFlags.None);
        socket.Shutdown(SocketShutdown.Send);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "condition not met within 10 s");
    }

    private static Task<byte[]> ReadAllAsync(Socket socket) => TcpTunnelTests.ReadAllBytesAsync(socket);

    private static Task<TunnelResult> RunAsync(SocketPair client, SocketPair server, SpliceMode mode, SplicePipePool pipes) =>
        TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, Splice(mode, pipes), CancellationToken.None);
}
