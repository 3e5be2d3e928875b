using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net;
using System.Net.Sockets;
using Appliance.ProxyCore.Configuration;
using Appliance.Tests.Common;
using Xunit.Abstractions;

namespace Appliance.ProxyCore.AllocationTests;

/// <summary>
/// Managed memory a real <see cref="ProxyEngine"/> keeps for each idle keep-alive HTTP connection (issue 9: memory for
/// 10,000 idle connections no more than haproxy's). Clients use blocking sockets only, so their own share is a
/// <see cref="Socket"/> and its handle (counted in the figure, about 250 bytes).
/// </summary>
[Collection(IdleConnectionMemoryTests.Alone)]
public sealed class IdleConnectionMemoryTests(ITestOutputHelper output)
{
    /// <summary>The collection that runs with nothing else in parallel (the heap is measured process-wide).</summary>
    public const string Alone = "process-wide heap measurement";

    private const int Connections = 2000;

    /// <summary>
    /// Managed bytes one idle connection may keep (client socket included). Before the exchange pool and the zero-byte
    /// wait between requests it kept about 10,700 (Release); after, about 4,400.
    /// </summary>
    private const long Budget = 5120;

    private static readonly byte[] Request = "GET /100b HTTP/1.1\r\nHost: idle.test\r\n\r\n"u8.ToArray();

    /// <summary>
    /// Each connection served one request and waits for the next: it must hold no exchange, no head buffers and no
    /// pipe read in progress. Prints the types allocated while the connections opened (allocation ticks, about one per
    /// 100 KB) to show where the rest goes.
    /// </summary>
    [Fact]
    public async Task IdleKeepAliveConnections_AfterOneRequest_RetainLittleManagedMemory()
    {
        await using var backend = new KeepAliveHttpBackend(100);
        backend.Start();
        var config = ConfigLoader.LoadText($"""
            defaults
                mode http
                timeout connect 2s
                timeout client 60s
                timeout server 30s
            frontend fe
                bind 127.0.0.1:{TcpClientHelper.FreePort()}
                default_backend be
            backend be
                server s1 127.0.0.1:{backend.Port}
            """, "idle.cfg");
        Assert.True(config.IsValid, string.Join('\n', config.Diagnostics));
        await using var engine = new ProxyEngine(config.Config!, new ProxyEngineOptions());
        await engine.StartAsync();
        var endPoint = new IPEndPoint(IPAddress.Loopback, engine.ListeningEndPoints[0].Port);
        var sink = new byte[backend.ResponseLength + 4096];

        // Warm up: JIT, tiering, pools, the server connection.
        var warm = Open(endPoint, sink, 200);
        Close(warm);
        await Task.Delay(500);

        var before = Settle();
        using var sampler = new AllocationSampler();
        var clients = Open(endPoint, sink, Connections);
        await Task.Delay(1000);
        sampler.Dispose();
        var after = Settle();
        var perConnection = (after - before) / Connections;
        output.WriteLine($"{Connections} idle connections: {after - before} bytes retained, {perConnection} per connection");
        foreach (var (type, bytes) in sampler.Top(25))
        {
            output.WriteLine($"  {bytes / Connections,8} B/conn  {type}");
        }

        Close(clients);
        Assert.True(perConnection < Budget, $"{perConnection} bytes per idle connection (budget {Budget})");
    }

    private static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Opens <paramref name="count"/> connections, each after one keep-alive request and its whole response.</summary>
    private static List<Socket> Open(IPEndPoint endPoint, byte[] sink, int count)
    {
        var sockets = new List<Socket>(count);
        for (var i = 0; i < count; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            socket.Connect(endPoint);
            socket.Send(Request);
            var received = 0;
            var expected = int.MaxValue;
            while (received < expected)
            {
                var read = socket.Receive(sink, received, sink.Length - received, SocketFlags.None);
                if (read == 0)
                {
                    throw new InvalidOperationException("the proxy closed the connection");
                }

                received += read;
                if (expected == int.MaxValue && sink.AsSpan(0, received).IndexOf("\r\n\r\n"u8) is var end and >= 0)
                {
                    expected = end + 4 + 100;
                }
            }

            sockets.Add(socket);
        }

        return sockets;
    }

    private static void Close(List<Socket> sockets) => sockets.ForEach(s => s.Dispose());

    /// <summary>Runs <see cref="IdleConnectionMemoryTests"/> with no other test in parallel.</summary>
    [CollectionDefinition(Alone, DisableParallelization = true)]
    public sealed class AloneCollection;

    /// <summary>GC allocation ticks (one about every 100 KB allocated) by type name.</summary>
    private sealed class AllocationSampler : EventListener
    {
        private readonly ConcurrentDictionary<string, long> _bytes = new();

        public IEnumerable<(string Type, long Bytes)> Top(int count) =>
            _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value));

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
            {
                return;
            }

            var type = eventData.Payload![eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(eventData.Payload[eventData.PayloadNames.IndexOf("AllocationAmount64")], System.Globalization.CultureInfo.InvariantCulture);
            _bytes.AddOrUpdate(type, amount, (_, v) => v + amount);
        }
    }
}
