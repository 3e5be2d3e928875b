using System.Net.Sockets;
using Appliance.ProxyCore.Forwarding.Tcp;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.AllocationTests;

/// <summary>
/// Allocation counts are process-wide, so these tests live in an assembly of their own: nothing else runs in the test
/// host while they measure.
/// </summary>
public sealed class TcpTunnelAllocationTests
{
    [Fact]
    public async Task RunAsync_64MiBThroughTheTunnel_AllocatesNothingPerChunk()
    {
        // Warm up once so JIT and pool growth are not counted.
        await TransferAsync(1024 * 1024);

        const int total = 64 * 1024 * 1024;

        // The count is process-wide, so background work of the runtime can only add to it; a real per-chunk allocation
        // shows in every run. The least of three runs is the tunnel's own cost.
        var best = long.MaxValue;
        var chunks = 0;
        for (var run = 0; run < 3 && best >= 256 * 1024; run++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            chunks = await TransferAsync(total);
            best = Math.Min(best, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        // At least total / 16 KiB = 4096 chunks crossed the tunnel; even 64 bytes a chunk would be over 256 KiB. What
        // remains is the per-tunnel and per-test cost (sockets, tasks, the test's own buffers).
        Assert.True(chunks >= total / TcpTunnel.BufferSize, $"only {chunks} chunks");
        Assert.True(best < 256 * 1024, $"{best} bytes allocated for {chunks} chunks (least of three runs)");
    }

    /// <summary>Sends <paramref name="total"/> bytes client → server through a tunnel; returns how many reads the receiver made.</summary>
    private static async Task<int> TransferAsync(int total)
    {
        using var client = await SocketPair.CreateAsync();
        using var server = await SocketPair.CreateAsync();
        var tunnel = TcpTunnel.RunAsync(client.Far, server.Near, TunnelTimeouts.None, TimeProvider.System, CancellationToken.None);
        var block = new byte[TcpTunnel.BufferSize];
        var sink = new byte[TcpTunnel.BufferSize];
        var send = Task.Run(async () =>
        {
            for (var sent = 0; sent < total; sent += block.Length)
            {
                await client.Near.SendAsync(block.AsMemory(), SocketFlags.None);
            }

            client.Near.Shutdown(SocketShutdown.Send);
        });

        var reads = 0;
        while (await server.Far.ReceiveAsync(sink.AsMemory(), SocketFlags.None) > 0)
        {
            reads++;
        }

        await send;
        server.Far.Shutdown(SocketShutdown.Send);
        while (await client.Near.ReceiveAsync(sink.AsMemory(), SocketFlags.None) > 0)
        {
        }

        await tunnel;
        return reads;
    }
}
