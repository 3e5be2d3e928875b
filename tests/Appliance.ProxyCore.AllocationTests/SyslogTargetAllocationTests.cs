using System.Net;
using System.Net.Sockets;
using Appliance.Host.Logging;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Logging;

namespace Appliance.ProxyCore.AllocationTests;

/// <summary>
/// Handing an access line to a UDP syslog target allocates nothing on the data path's thread, and the target's sender
/// allocates nothing per datagram (a real socket to a UDP receiver on 127.0.0.1).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SyslogTargetAllocationTests
{
    private static readonly byte[] Line =
        "127.0.0.1:35302 [22/Nov/2026:05:48:25.162] http_in nginx_http/n1 0/0/0/1/1 200 328 - - ---- 50/50/48/48/0 0/0 \"GET /100b HTTP/1.1\""u8.ToArray();

    [Fact]
    public async Task Write_LineToUdpTarget_AllocatesNothingOnTheCallerThread()
    {
        using var receiver = Receiver(out var port);
        await using var target = new SyslogTarget(Target(port), SocketSyslogTransport.Udp("127.0.0.1", port, TimeProvider.System),
            new SyslogIdentity(null, "haproxy"), 1, TimeProvider.System);

        // Warm up (JIT, the buffers), letting the sender keep up so the queue never fills.
        for (var i = 0; i < 2_000; i++)
        {
            target.Write(SyslogSeverity.Info, Line);
            if (i % 100 == 0)
            {
                await WaitSentAsync(target, i + 1);
            }
        }

        await WaitSentAsync(target, 2_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            target.Write(SyslogSeverity.Info, Line);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        await WaitSentAsync(target, 2_100);
        Assert.Equal(0, target.Dropped);
    }

    [Fact]
    public async Task SendAsync_UdpDatagrams_AllocatesNothingPerSend()
    {
        using var receiver = Receiver(out var port);
        await using var transport = SocketSyslogTransport.Udp("127.0.0.1", port, TimeProvider.System);
        Assert.True(await transport.SendAsync(Line, default));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            var send = transport.SendAsync(Line, default);
            Assert.True(send.IsCompletedSuccessfully);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static Socket Receiver(out int port)
    {
        var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 8 << 20 };
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        port = ((IPEndPoint)receiver.LocalEndPoint!).Port;
        return receiver;
    }

    private static LogTarget Target(int port)
    {
        var result = ConfigLoader.LoadText($"global\n    log 127.0.0.1:{port} local0\n", "t.cfg");
        return LogTargetParser.Parse(result.Config!.Global.Logs[0], out _, out _)!;
    }

    private static async Task WaitSentAsync(SyslogTarget target, long count)
    {
        for (var i = 0; i < 1_000 && target.Sent + target.Dropped < count; i++)
        {
            await Task.Delay(10);
        }
    }
}
