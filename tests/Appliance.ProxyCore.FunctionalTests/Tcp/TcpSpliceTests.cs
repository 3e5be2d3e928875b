using System.Net.Sockets;
using System.Security.Cryptography;
using Appliance.Tests.Common;
using static Appliance.ProxyCore.FunctionalTests.Tcp.TcpBalancingTests;

namespace Appliance.ProxyCore.FunctionalTests.Tcp;

/// <summary>Plain TCP tunnels through the real engine with <c>option splice-*</c> (Linux splices; elsewhere they copy).</summary>
public sealed class TcpSpliceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SpliceRequestOnFrontendResponseOnBackend_LargeTransfersBothWays_IntactCountedAndSpliced()
    {
        await using var backend = new BulkBackend(Payload(8 * 1024 * 1024 + 11, seed: 1));
        await using var proxy = await ProxyUnderTest.StartAsync(Config(backend.Port, frontend: "option splice-request", backendExtra: "option splice-response"));
        var upload = Payload(8 * 1024 * 1024 + 7, seed: 2);

        var downloaded = await ExchangeAsync(proxy.Port, upload);

        Assert.Equal(SHA256.HashData(backend.Download), SHA256.HashData(downloaded));
        await AssertCountedAsync(proxy, backend, upload);
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(upload.Length + backend.Download.Length, proxy.Engine.TcpPipes.SplicedBytes + proxy.Engine.TcpPipes.CopiedBytes);
            Assert.True(proxy.Engine.TcpPipes.SplicedBytes > 0);
        }
    }

    [Fact]
    public async Task SpliceAutoWithGlobalNoSplice_LargeTransfer_CopiedAndCountedTheSame()
    {
        await using var backend = new BulkBackend(Payload(4 * 1024 * 1024, seed: 3));
        await using var proxy = await ProxyUnderTest.StartAsync(Config(backend.Port, frontend: "option splice-auto", global: "nosplice"));
        var upload = Payload(2 * 1024 * 1024 + 1, seed: 4);

        var downloaded = await ExchangeAsync(proxy.Port, upload);

        Assert.Equal(backend.Download, downloaded);
        await AssertCountedAsync(proxy, backend, upload);
        Assert.Equal(0, proxy.Engine.TcpPipes.SplicedBytes);
        Assert.Equal(0, proxy.Engine.TcpPipes.OpenPipes);
    }

    [Fact]
    public async Task SpliceBothWaysWithGlobalMaxPipesOne_LargeTransfers_OnePipeOpenAndIntact()
    {
        await using var backend = new BulkBackend(Payload(4 * 1024 * 1024 + 3, seed: 7));
        await using var proxy = await ProxyUnderTest.StartAsync(
            Config(backend.Port, frontend: "option splice-request", backendExtra: "option splice-response", global: "maxpipes 1"));
        var upload = Payload(4 * 1024 * 1024 + 5, seed: 8);

        var downloaded = await ExchangeAsync(proxy.Port, upload);

        Assert.Equal(SHA256.HashData(backend.Download), SHA256.HashData(downloaded));
        await AssertCountedAsync(proxy, backend, upload);
        if (OperatingSystem.IsLinux())
        {
            // Both directions asked for a pipe; never more than one was open. (Whether the second direction copied
            // depends on timing: when the first one has already given its pipe back, the second splices through it.)
            Assert.Equal(1, proxy.Engine.TcpPipes.OpenPipes);
            Assert.True(proxy.Engine.TcpPipes.SplicedBytes > 0);
        }
    }

    [Fact]
    public async Task SpliceAuto_ClientAbortsMidDownload_ServerSlotFreedAndNextTransferIntact()
    {
        await using var backend = new BulkBackend(Payload(16 * 1024 * 1024, seed: 5));
        await using var proxy = await ProxyUnderTest.StartAsync(Config(backend.Port, frontend: "option splice-auto", server: "maxconn 1"));

        using (var aborting = await ConnectAsync(proxy.Port))
        {
            var buffer = new byte[256 * 1024];
            var read = 0;
            while (read < buffer.Length)
            {
                read += await aborting.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None);
            }

            aborting.Close(0);
        }

        var server = proxy.Server("be", "s1");
        for (var i = 0; i < 500 && server.State.ActiveConnections > 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(0, server.State.ActiveConnections);
        var upload = Payload(1024 * 1024, seed: 6);
        Assert.Equal(SHA256.HashData(backend.Download), SHA256.HashData(await ExchangeAsync(proxy.Port, upload)));
    }

    private static async Task<byte[]> ExchangeAsync(int port, byte[] upload)
    {
        using var socket = await ConnectAsync(port);
        var send = Task.Run(async () =>
        {
            await socket.SendAsync(upload, SocketFlags.None);
            socket.Shutdown(SocketShutdown.Send);
        });
        using var received = new MemoryStream();
        var buffer = new byte[65536];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(Timeout)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        await send.WaitAsync(Timeout);
        return received.ToArray();
    }

    /// <summary>
    /// The tunnel's bytes reach the counters when it ends, just after the client saw the end of stream: the frontend's,
    /// then the backend's and the server's, and the server's connection is released after them. The backend records what
    /// it received once it has read the proxy's FIN, which may come after the client saw its end of stream too. So this
    /// waits (up to 5 s) for all of them before asserting each.
    /// </summary>
    private static async Task AssertCountedAsync(ProxyUnderTest proxy, BulkBackend backend, byte[] upload)
    {
        var counters = new[] { proxy.Engine.Frontends[0].Traffic, proxy.Engine.Backends["be"].Traffic, proxy.Server("be", "s1").State.Traffic };
        bool Settled()
        {
            lock (backend.Received)
            {
                return backend.Received.Count > 0
                    && proxy.Server("be", "s1").State.ActiveConnections == 0
                    && counters.All(t => t.BytesIn == upload.Length && t.BytesOut == backend.Download.Length);
            }
        }

        await TcpClientHelper.WaitUntilAsync(Settled, TimeSpan.FromSeconds(5));

        foreach (var traffic in counters)
        {
            Assert.Equal(upload.Length, traffic.BytesIn);
            Assert.Equal(backend.Download.Length, traffic.BytesOut);
        }

        lock (backend.Received)
        {
            var (hash, length) = Assert.Single(backend.Received);
            Assert.Equal(upload.Length, length);
            Assert.Equal(SHA256.HashData(upload), hash);
        }

        Assert.Equal(0, proxy.Server("be", "s1").State.ActiveConnections);
    }

    private static byte[] Payload(int length, int seed)
    {
        var payload = new byte[length];
        new Random(seed).NextBytes(payload);
        return payload;
    }

    private static string Config(int backendPort, string frontend = "", string backendExtra = "", string server = "", string global = "") => $"""
        global
            maxconn 1000
            {global}
        defaults
            mode tcp
            timeout connect 2s
            timeout client 30s
            timeout server 30s
        frontend fe
            bind 127.0.0.1:{TcpClientHelper.FreePort()}
            {frontend}
            default_backend be
        backend be
            {backendExtra}
            server s1 127.0.0.1:{backendPort} {server}
        """;
}
