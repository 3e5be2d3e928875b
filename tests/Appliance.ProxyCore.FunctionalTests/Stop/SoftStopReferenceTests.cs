using System.Diagnostics;
using System.Net.Sockets;
using Appliance.ProxyCore.FunctionalTests.Http;
using Appliance.Tests.Common;
using static Appliance.ProxyCore.FunctionalTests.Stop.SoftStopTests;
using static Appliance.ProxyCore.FunctionalTests.Tcp.TcpBalancingTests;

namespace Appliance.ProxyCore.FunctionalTests.Stop;

/// <summary>
/// The soft stop side by side with Debian's haproxy (SIGUSR1) on one configuration text: a connection that has not sent
/// its first request, an idle keep-alive one, one with a request in flight and a TCP one end the same way in both.
/// </summary>
public sealed class SoftStopReferenceTests
{
    /// <summary>Long enough that "at once" (within half a second of it) cannot be mistaken for "at the bound".</summary>
    private static readonly TimeSpan HardStopAfter = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task SoftStop_FourKindsOfConnections_EndAsInHaproxy()
    {
        Assert.True(HaproxyReference.IsInstalled, "haproxy is not installed (.ci/run installs it)");

        var ours = await ObserveAsync(async (config, httpPort) =>
        {
            var proxy = await ProxyUnderTest.StartAsync(config);
            var stop = Task.CompletedTask;
            return (
                () =>
                {
                    // Begun, not awaited: the stop lasts until the connections end, as haproxy's does after SIGUSR1.
                    stop = proxy.Engine.StopAsync(TimeSpan.FromSeconds(30));
                    return Task.CompletedTask;
                },
                async () =>
                {
                    await stop.WaitAsync(TimeSpan.FromSeconds(10));
                    await proxy.DisposeAsync();
                });
        });
        var reference = await ObserveAsync(async (config, httpPort) =>
        {
            var haproxy = await HaproxyReference.StartConfigAsync(config, httpPort);
            return (haproxy.SoftStopAsync, () =>
            {
                haproxy.Dispose();
                return ValueTask.CompletedTask;
            });
        });

        Assert.Equal(reference, ours);
        Assert.Equal(
            [
                new Outcome("not started", ClosedAtOnce: false, WholeResponse: false, ConnectionClose: false),
                new Outcome("idle", ClosedAtOnce: true, WholeResponse: false, ConnectionClose: false),
                new Outcome("in flight", ClosedAtOnce: true, WholeResponse: true, ConnectionClose: true),
                new Outcome("tcp", ClosedAtOnce: false, WholeResponse: false, ConnectionClose: false),
            ],
            ours);
    }

    /// <summary>How a connection ended: before the hard-stop-after bound or at it, and what the client read meanwhile.</summary>
    private sealed record Outcome(string Name, bool ClosedAtOnce, bool WholeResponse, bool ConnectionClose);

    private static async Task<Outcome[]> ObserveAsync(
        Func<string, int, Task<(Func<Task> SoftStop, Func<ValueTask> Dispose)>> start)
    {
        await using var backend = new GatedHttpBackend(Body, holdAll: false);
        backend.Start();
        await using var tcpBackends = await Backends.StartAsync(1);
        var (httpPort, tcpPort) = (TcpClientHelper.FreePort(), TcpClientHelper.FreePort());
        var (softStop, dispose) = await start(Config(httpPort, tcpPort, backend.Port, tcpBackends[0].Port), httpPort);
        try
        {
            using var notStarted = await ConnectAsync(httpPort);
            using var idle = await ConnectAsync(httpPort);
            Assert.EndsWith(Body, await ExchangeAsync(idle));
            using var inFlight = await ConnectAsync(httpPort);
            await inFlight.SendAsync("GET /held HTTP/1.1\r\nHost: stop\r\n\r\n"u8.ToArray(), SocketFlags.None);
            await backend.RequestArrived.WaitAsync(TimeSpan.FromSeconds(10));
            using var tcp = await ConnectAsync(tcpPort);
            Assert.Equal("b0", await TcpClientHelper.ReadLineAsync(tcp, CancellationToken.None));

            var clock = Stopwatch.StartNew();
            await softStop();
            var ends = new[] { ("not started", notStarted), ("idle", idle), ("in flight", inFlight), ("tcp", tcp) }
                .Select(async c =>
                {
                    var (text, _) = await ReadUntilClosedAsync(c.Item2);
                    return (c.Item1, text, clock.Elapsed);
                })
                .ToList();
            await Task.Delay(300);
            backend.Release();
            return [.. (await Task.WhenAll(ends)).Select(e => new Outcome(
                e.Item1,
                ClosedAtOnce: e.Elapsed < HardStopAfter - TimeSpan.FromMilliseconds(500),
                WholeResponse: e.text.StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal) && e.text.EndsWith("\r\n\r\n" + Body, StringComparison.Ordinal),
                ConnectionClose: e.text.Contains("\r\nconnection: close\r\n", StringComparison.OrdinalIgnoreCase)))];
        }
        finally
        {
            await dispose();
        }
    }

    private static string Config(int httpPort, int tcpPort, int httpBackendPort, int tcpBackendPort) => $"""
        global
            hard-stop-after {HardStopAfter.TotalMilliseconds}
        defaults
            timeout connect 2s
            timeout client 60s
            timeout server 60s
            timeout http-keep-alive 60s
        frontend fe
            mode http
            bind 127.0.0.1:{httpPort}
            default_backend be
        backend be
            mode http
            server s1 127.0.0.1:{httpBackendPort}
        frontend tcpfe
            mode tcp
            bind 127.0.0.1:{tcpPort}
            default_backend tcpbe
        backend tcpbe
            mode tcp
            server b0 127.0.0.1:{tcpBackendPort}
        """;
}
