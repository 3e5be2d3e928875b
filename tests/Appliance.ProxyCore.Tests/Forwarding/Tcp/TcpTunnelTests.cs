using System.Net.Sockets;
using System.Text;
using Appliance.ProxyCore.Forwarding.Tcp;
using Appliance.ProxyCore.Forwarding.Tcp.Splice;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.Tests.Forwarding.Tcp;

public sealed class TcpTunnelTests
{
    // The tunnel sits between "client" (its Far end is the proxy's client socket) and "server" (Near end is the proxy's).
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>Every test runs on the copy path and on both splice modes (which copy where Linux cannot splice).</summary>
    public static TheoryData<SpliceMode> Modes => new() { SpliceMode.Off, SpliceMode.Auto, SpliceMode.Always };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task RunAsync_ClientHalfCloses_ServerStillAnswersThenBothEndClean(SpliceMode mode)
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var pipes = new SplicePipePool();
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, Splice(mode, pipes), CancellationToken.None);

        await client.Near.SendAsync(Encoding.ASCII.GetBytes("hello"), SocketFlags.None);
        client.Near.Shutdown(SocketShutdown.Send);

        Assert.Equal("hello", await ReadToEndAsync(server.Far));
        await server.Far.SendAsync(Encoding.ASCII.GetBytes("bye"), SocketFlags.None);
        server.Far.Shutdown(SocketShutdown.Send);
        Assert.Equal("bye", await ReadToEndAsync(client.Near));

        var result = await tunnel.WaitAsync(Wait);
        Assert.Equal(new TunnelResult(5, 3, null), result);
    }

    [LinuxFact]
    public async Task RunAsync_WhileRunning_SocketsCompleteInlineWherePreferredAndAreHandedBackWithout()
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, CancellationToken.None);

        Assert.Equal(InlineCompletions.Preferred, InlineCompletions.IsEnabled(client.Far));
        Assert.Equal(InlineCompletions.Preferred, InlineCompletions.IsEnabled(server.Near));
        Assert.False(InlineCompletions.IsEnabled(client.Near));
        await client.Near.SendAsync(Encoding.ASCII.GetBytes("ping"), SocketFlags.None);
        client.Near.Shutdown(SocketShutdown.Send);
        Assert.Equal("ping", await ReadToEndAsync(server.Far));
        server.Far.Shutdown(SocketShutdown.Send);
        Assert.Equal(string.Empty, await ReadToEndAsync(client.Near));
        await tunnel.WaitAsync(Wait);

        Assert.False(InlineCompletions.IsEnabled(client.Far));
        Assert.False(InlineCompletions.IsEnabled(server.Near));
    }

    [Fact]
    public async Task RunAsync_WithMeter_EveryChunkToldAsItPasses()
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        var meter = new RecordingMeter();
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, TunnelSplice.Off, meter, CancellationToken.None);

        await client.Near.SendAsync(Encoding.ASCII.GetBytes("hello"), SocketFlags.None);
        Assert.Equal("hello", await ReadExactlyAsync(server.Far, 5));
        await server.Far.SendAsync(Encoding.ASCII.GetBytes("bye"), SocketFlags.None);
        Assert.Equal("bye", await ReadExactlyAsync(client.Near, 3));
        client.Near.Shutdown(SocketShutdown.Send);
        server.Far.Shutdown(SocketShutdown.Send);
        var result = await tunnel.WaitAsync(Wait);

        Assert.Equal(new TunnelResult(5, 3, null), result);
        Assert.Equal(5, Volatile.Read(ref meter.FromClientBytes));
        Assert.Equal(3, Volatile.Read(ref meter.FromServerBytes));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task RunAsync_LargeTransfer_ArrivesIntactInBothDirections(SpliceMode mode)
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var pipes = new SplicePipePool();
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, Splice(mode, pipes), CancellationToken.None);
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
        if (mode != SpliceMode.Off && SplicePipePool.IsPlatformSupported)
        {
            // Auto copies the first 16 KiB (the read that shows a bulk transfer), Always nothing.
            Assert.True(pipes.SplicedBytes > 0, "nothing was spliced");
            Assert.Equal(payload.Length - (mode == SpliceMode.Auto ? TcpTunnel.BufferSize : 0), pipes.SplicedBytes + pipes.CopiedBytes);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task RunAsync_ClientSilentPastTimeoutClient_EndsWithClientTermination(SpliceMode mode)
    {
        var time = new FakeTimeProvider();
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var pipes = new SplicePipePool();
        var timeouts = new TunnelTimeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(50), null, null, null);
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, timeouts, time, Splice(mode, pipes), CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(tunnel.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(2));

        var result = await tunnel.WaitAsync(Wait);
        Assert.Equal("client", result.Termination);
        Assert.Equal(0, await client.Near.ReceiveAsync(new byte[1], SocketFlags.None));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task RunAsync_TrafficKeepsTunnelAlive_UntilTunnelTimeoutOfSilence(SpliceMode mode)
    {
        var time = new FakeTimeProvider();
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var pipes = new SplicePipePool();
        var timeouts = new TunnelTimeouts(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), null, null, TimeSpan.FromSeconds(10));
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, timeouts, time, Splice(mode, pipes), CancellationToken.None);

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

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task RunAsync_ServerResets_ClientConnectionIsClosed(SpliceMode mode)
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var pipes = new SplicePipePool();
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, Splice(mode, pipes), CancellationToken.None);

        server.Far.Close(0);

        var result = await tunnel.WaitAsync(Wait);
        Assert.NotNull(result.Termination);
        Assert.Equal(0, await ReceiveOrZeroAsync(client.Near));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task RunAsync_StopRequested_AbortsBothSides(SpliceMode mode)
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        using var pipes = new SplicePipePool();
        using var stop = new CancellationTokenSource();
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, Splice(mode, pipes), stop.Token);

        await stop.CancelAsync();

        var result = await tunnel.WaitAsync(Wait);
        Assert.Equal("aborted", result.Termination);
    }

    internal static TunnelSplice Splice(SpliceMode mode, SplicePipePool pipes) => new(new SplicePolicy(mode, mode), pipes, 16);

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

    internal static async Task<byte[]> ReadAllBytesAsync(Socket socket)
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

    private static async Task<string> ReadExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        for (var read = 0; read < count;)
        {
            read += await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None).AsTask().WaitAsync(Wait);
        }

        return Encoding.ASCII.GetString(buffer);
    }

    private sealed class RecordingMeter : ITunnelMeter
    {
        public long FromClientBytes;
        public long FromServerBytes;

        public void FromClient(long bytes) => Interlocked.Add(ref FromClientBytes, bytes);

        public void FromServer(long bytes) => Interlocked.Add(ref FromServerBytes, bytes);
    }
}
