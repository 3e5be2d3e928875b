using System.Collections.Concurrent;
using System.Diagnostics;
using Appliance.HaAgent.Discovery;

namespace Appliance.LabTests.Infrastructure;

/// <summary>
/// One of our <see cref="DiscoveryService"/>s with its socket in a lab namespace, recording every peer event in order so
/// tests can wait for one.
/// </summary>
internal sealed class DiscoveryNode : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Kind, DiscoveryPeer Peer)> _events = new();

    private DiscoveryNode(string name, DiscoveryService service, LabLogger logger)
    {
        Name = name;
        Service = service;
        Logger = logger;
        service.PeerFound += (_, p) => _events.Enqueue(("found", p));
        service.PeerUpdated += (_, p) => _events.Enqueue(("updated", p));
        service.PeerLost += (_, p) => _events.Enqueue(("lost", p));
    }

    public string Name { get; }

    public DiscoveryService Service { get; }

    public LabLogger Logger { get; }

    public IReadOnlyList<(string Kind, DiscoveryPeer Peer)> Events => [.. _events];

    /// <summary>Opens the socket on eth0 inside <paramref name="networkNamespace"/> and starts announcing and browsing.</summary>
    public static async Task<DiscoveryNode> StartAsync(string networkNamespace, string nodeName, string clusterId, ushort syncPort = 7400)
    {
        var logger = new LabLogger(nodeName);
        var options = new DiscoveryOptions("eth0", clusterId, nodeName, syncPort);
        var service = NamespaceThread.Run(networkNamespace, () => DiscoveryService.Open(options, TimeProvider.System, logger));
        var node = new DiscoveryNode(nodeName, service, logger);
        await service.StartAsync();
        return node;
    }

    /// <summary>Waits for an event of <paramref name="kind"/> whose peer matches; returns that peer.</summary>
    public async Task<DiscoveryPeer> WaitForAsync(string kind, Func<DiscoveryPeer, bool> match, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var hit = Events.FirstOrDefault(e => e.Kind == kind && match(e.Peer));
            if (hit.Peer is not null)
            {
                return hit.Peer;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{Name}: no '{kind}' event matched within {timeout.TotalSeconds} s; events: {string.Join("; ", Events.Select(e => $"{e.Kind} {e.Peer}"))}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await Service.DisposeAsync();
}
