using System.Diagnostics;
using System.Net;
using Appliance.Contracts;
using Appliance.HaAgent.Discovery;
using Appliance.HaAgent.Sync.Node;
using Appliance.HaAgent.Sync.Security;
using Appliance.HaAgent.Sync.Status;
using Appliance.HaAgent.Tests.Discovery;
using Appliance.Host.Sync;
using Appliance.Host.Tests.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Host.Tests.Sync;

/// <summary>
/// The feed between discovery and the sync node: real <see cref="DiscoveryService"/>s on an in-memory mDNS link, real
/// <see cref="SyncNode"/>s on 127.0.0.x (h2c + PSK), a short grace.
/// </summary>
public sealed class DiscoverySyncFeedTests
{
    private static readonly byte[] Key = Convert.FromBase64String("q4Z0m2lT2cWlq1aM1bGm6rVxH2kQmJ8vS7xYb0d3u9E=");
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Feed_PeerFoundThenStopped_AddedAsDiscoveredThenRemovedAfterTheGrace()
    {
        var link = new InMemoryMdnsLink();
        await using var lb1 = await NodeAsync("lb1", "127.0.0.1");
        await using var lb2 = await NodeAsync("lb2", "127.0.0.2");
        await using var discovery1 = await DiscoveryAsync(link, "127.0.0.1", "lb1", "c1", lb1.EndPoint.Port);
        var discovery2 = await DiscoveryAsync(link, "127.0.0.2", "lb2", "c1", lb2.EndPoint.Port);
        var logger = new ListLogger();
        await using var feed = new DiscoverySyncFeed(lb1, discovery1, "c1", Grace, TimeProvider.System, logger);
        feed.Start();

        await WaitUntil(() => lb1.Peers.Count == 1, "lb1 has the discovered lb2");
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), lb2.EndPoint.Port), Assert.Single(lb1.Peers).EndPoint);
        Assert.Equal(PeerSource.Discovered, lb1.SourceOf("lb2"));

        var goodbye = Stopwatch.GetTimestamp();
        await discovery2.DisposeAsync();
        await WaitUntil(() => lb1.PeerCount == 0, "lb1 removed lb2");

        // Discovery reports the loss about 1 s after the goodbye (RFC 6762 §10.1); the removal waits the grace after it.
        Assert.True(Stopwatch.GetElapsedTime(goodbye) >= Grace, "removed before the grace");
        Assert.Contains(logger.Entries, e => e.Contains("discovery lost peer lb2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feed_PeerOfAnotherCluster_NeverAdded()
    {
        var link = new InMemoryMdnsLink();
        await using var lb1 = await NodeAsync("lb1", "127.0.0.1");
        await using var discovery1 = await DiscoveryAsync(link, "127.0.0.1", "lb1", "c1", lb1.EndPoint.Port);
        await using var other = await DiscoveryAsync(link, "127.0.0.3", "lb3", "c2", 7400);
        await using var same = await DiscoveryAsync(link, "127.0.0.4", "lb4", "c1", 7400);
        await using var feed = new DiscoverySyncFeed(lb1, discovery1, "c1", Grace, TimeProvider.System, NullLogger.Instance);
        feed.Start();

        await WaitUntil(() => lb1.Peers.Count == 1, "lb1 has lb4 of its own cluster");
        Assert.Equal("lb4", Assert.Single(lb1.Peers).Name);
    }

    [Fact]
    public async Task Feed_LostWhileStreaming_KeptUntilTheStreamEnds()
    {
        var link = new InMemoryMdnsLink();
        await using var lb1 = await NodeAsync("lb1", "127.0.0.1");
        var lb2 = await NodeAsync("lb2", "127.0.0.2");
        await using var discovery1 = await DiscoveryAsync(link, "127.0.0.1", "lb1", "c1", lb1.EndPoint.Port);
        var discovery2 = await DiscoveryAsync(link, "127.0.0.2", "lb2", "c1", lb2.EndPoint.Port);
        var logger = new ListLogger();
        await using var feed = new DiscoverySyncFeed(lb1, discovery1, "c1", Grace, TimeProvider.System, logger);
        feed.Start();
        lb2.SetRole(HaRole.Backup);
        lb1.SetRole(HaRole.Master);
        await WaitUntil(() => lb1.IsPeerConnected("lb2"), "lb1 streams to lb2");

        // Only lb2's announcement goes (as when its discovery restarts): the working stream keeps it.
        await discovery2.DisposeAsync();
        await WaitUntil(() => logger.Entries.Any(e => e.Contains("lb2 but its sync stream is alive: kept", StringComparison.Ordinal)), "the grace passed and lb2 was kept");
        Assert.Equal(1, lb1.PeerCount);

        await lb2.DisposeAsync();
        await WaitUntil(() => lb1.PeerCount == 0, "lb1 removed lb2 once its stream ended");
    }

    private static async Task<SyncNode> NodeAsync(string name, string address)
    {
        var node = new SyncNode(new SyncNodeOptions
        {
            NodeName = name,
            ListenEndPoint = new IPEndPoint(IPAddress.Parse(address), 0),
            Security = new PreSharedKeySecurity(Key),
            DiscoversPeers = true,
            HeartbeatInterval = TimeSpan.FromMilliseconds(200),
            PeerTimeout = TimeSpan.FromSeconds(2),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        });
        await node.StartAsync();
        return node;
    }

    private static async Task<DiscoveryService> DiscoveryAsync(InMemoryMdnsLink link, string address, string node, string cluster, int port)
    {
        var service = new DiscoveryService(
            new DiscoveryOptions("eth0", cluster, node, (ushort)port), link.Attach(address), TimeProvider.System,
            new Random(node.GetHashCode(StringComparison.Ordinal)), NullLogger.Instance);
        await service.StartAsync();
        return service;
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < Timeout, $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }
}
