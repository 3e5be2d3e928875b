using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Appliance.Host.Logging;
using Appliance.ProxyCore.Configuration;
using Appliance.Tests.Common;

namespace Appliance.ProxyCore.AllocationTests;

/// <summary>
/// Bytes allocated per keep-alive HTTP request through a real <see cref="ProxyEngine"/> on 127.0.0.1: one client
/// connection sends the same request again and again to a <see cref="KeepAliveHttpBackend"/>; client and backend
/// allocate nothing per request, so what is counted is the proxy's own cost.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class KeepAliveAllocationMeter
{
    private const int Requests = 5000;

    /// <summary>
    /// The least, over three runs of 5,000 requests (after 3,000 to warm up JIT, tiering and pools), of the bytes
    /// allocated per request. The configuration has <paramref name="global"/>, an HTTP frontend <c>fe</c> with
    /// <paramref name="frontendExtra"/> and <c>default_backend be</c>, and three backends to the same server: <c>be</c>
    /// (with <paramref name="backendExtra"/>), <c>playlists</c> and <c>segments</c>. Its <c>log</c> targets get the host's
    /// syslog senders (<see cref="SyslogLogging"/>), whose lines are counted in <paramref name="linesSent"/>.
    /// </summary>
    public static async Task<long> MeasureAsync(
        string global, string frontendExtra, string backendExtra, byte[] request, int bodyLength, StrongBox<long>? linesSent = null)
    {
        await using var backend = new KeepAliveHttpBackend(bodyLength);
        backend.Start();
        var config = $"""
            {global}
            defaults
                mode http
                timeout connect 2s
                timeout client 30s
                timeout server 30s
            frontend fe
                bind 127.0.0.1:{TcpClientHelper.FreePort()}
            {frontendExtra}
                default_backend be
            backend be
            {backendExtra}
                server s1 127.0.0.1:{backend.Port}
            backend playlists
                server s1 127.0.0.1:{backend.Port}
            backend segments
                server s1 127.0.0.1:{backend.Port}
            """;
        var loaded = ConfigLoader.LoadText(config, "alloc.cfg");
        Assert.True(loaded.IsValid, string.Join('\n', loaded.Diagnostics));
        await using var logging = SyslogLogging.Create(loaded.Config!, TimeProvider.System, "alloc", Environment.ProcessId);
        await using var engine = new ProxyEngine(loaded.Config!, new ProxyEngineOptions { AccessLog = logging.AccessLog });
        await engine.StartAsync();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await client.ConnectAsync(new IPEndPoint(IPAddress.Loopback, engine.ListeningEndPoints[0].Port));
        var sink = new byte[backend.ResponseLength + 4096];

        await RunAsync(client, request, sink, 3000, bodyLength);
        var best = long.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await RunAsync(client, request, sink, Requests, bodyLength);
            best = Math.Min(best, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        // One keep-alive client: every request must reuse the one server connection (a new one costs a connect, and here
        // the backend's buffer too, and made the count vary from run to run).
        Assert.True(backend.Connections == 1, $"{backend.Connections} server connections for one keep-alive client");
        if (linesSent is not null)
        {
            linesSent.Value = logging.Targets.Sum(t => t.Sent);
        }

        return best / Requests;
    }

    private static async Task RunAsync(Socket client, byte[] request, byte[] sink, int count, int bodyLength)
    {
        for (var i = 0; i < count; i++)
        {
            await client.SendAsync(request.AsMemory(), SocketFlags.None);
            var received = 0;
            var expected = int.MaxValue;
            while (received < expected)
            {
                var read = await client.ReceiveAsync(sink.AsMemory(received), SocketFlags.None);
                if (read == 0)
                {
                    throw new InvalidOperationException("the proxy closed the connection");
                }

                received += read;
                if (expected == int.MaxValue && sink.AsSpan(0, received).IndexOf("\r\n\r\n"u8) is var end and >= 0)
                {
                    expected = end + 4 + bodyLength;
                }
            }

            if (received != expected)
            {
                throw new InvalidOperationException($"{received} bytes received where the response had {expected}");
            }
        }
    }
}
