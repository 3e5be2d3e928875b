using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Appliance.HaAgent.Discovery;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.HaAgent.Tests.Discovery;

/// <summary>The service loop on an in-memory link with the real clock (probing and announcing take about a second).</summary>
public sealed class DiscoveryServiceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task StartAsync_TwoNodesOfOneClusterAndOneOfAnother_EachSeesOnlyItsClusterPeer()
    {
        var link = new InMemoryMdnsLink();
        await using var lb1 = Service(link, "10.0.0.11", "lb1", "c1", 7400);
        await using var lb2 = Service(link, "10.0.0.12", "lb2", "c1", 7401);
        await using var other = Service(link, "10.0.0.13", "lb3", "c2", 7400);
        var found = new ConcurrentQueue<DiscoveryPeer>();
        lb1.PeerFound += (_, p) => found.Enqueue(p);

        await Task.WhenAll(lb1.StartAsync(), lb2.StartAsync(), other.StartAsync());
        await Task.WhenAll(lb1.Announced, lb2.Announced, other.Announced).WaitAsync(Timeout);
        await WaitUntil(() => lb1.Peers.Count == 1 && lb2.Peers.Count == 1);
        await Task.Delay(300);

        var peer = Assert.Single(lb1.Peers);
        Assert.Equal(("lb2", "c1", "lb2", "lb2.local", 7401), (peer.NodeName, peer.ClusterId, peer.Instance, peer.Host, peer.SyncPort));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.12"), 7401), peer.SyncEndPoint);
        Assert.Equal(["lb1"], lb2.Peers.Select(p => p.NodeName));
        Assert.Empty(other.Peers);
        Assert.Equal(["lb2"], found.Select(p => p.NodeName));
    }

    [Fact]
    public async Task StopAsync_SendsGoodbye_PeerLostAboutOneSecondLater()
    {
        var link = new InMemoryMdnsLink();
        await using var lb1 = Service(link, "10.0.0.11", "lb1", "c1", 7400);
        var lb2 = Service(link, "10.0.0.12", "lb2", "c1", 7400);
        var lost = new TaskCompletionSource<DiscoveryPeer>(TaskCreationOptions.RunContinuationsAsynchronously);
        lb1.PeerLost += (_, p) => lost.TrySetResult(p);
        await lb1.StartAsync();
        await lb2.StartAsync();
        await WaitUntil(() => lb1.Peers.Count == 1);

        var stopped = Stopwatch.GetTimestamp();
        await lb2.DisposeAsync();
        var gone = await lost.Task.WaitAsync(Timeout);

        Assert.Equal("lb2", gone.NodeName);
        Assert.InRange(Stopwatch.GetElapsedTime(stopped), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        Assert.Empty(lb1.Peers);
        var goodbye = link.Sent.Where(s => s.From.Equals(IPAddress.Parse("10.0.0.12"))).Select(s => DnsSamples.Read(s.Bytes)).Last();
        Assert.True(goodbye.IsResponse);
        Assert.All(goodbye.Answers, r => Assert.Equal(0u, r.Ttl));
    }

    [Fact]
    public async Task PeerFound_HandlerThrows_OtherHandlersAndTheServiceCarryOn()
    {
        var link = new InMemoryMdnsLink();
        await using var lb1 = Service(link, "10.0.0.11", "lb1", "c1", 7400);
        await using var lb2 = Service(link, "10.0.0.12", "lb2", "c1", 7400);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lb1.PeerFound += (_, _) => throw new InvalidOperationException("a faulty subscriber");
        lb1.PeerLost += (_, _) => lost.TrySetResult();
        await lb1.StartAsync();
        await lb2.StartAsync();

        await WaitUntil(() => lb1.Peers.Count == 1);
        await lb2.StopAsync();

        await lost.Task.WaitAsync(Timeout);
    }

    [Fact]
    public async Task StartAsync_MalformedAndOffLinkDatagrams_IgnoredWithoutStopping()
    {
        var link = new InMemoryMdnsLink();
        await using var lb1 = Service(link, "10.0.0.11", "lb1", "c1", 7400);
        var stranger = link.Attach("192.168.1.5");
        var junk = link.Attach("10.0.0.99");
        var neighbour = link.Attach("10.0.0.98");
        var lb9 = new MdnsResponder(MdnsFixtures.Registration("lb9", "10.0.0.98"), new Appliance.Tests.Common.FixedRandom(0));
        lb9.Start(TimeSpan.Zero);
        var announcement = DnsMessageWriter.Write(MdnsFixtures.RunUntil(lb9, TimeSpan.FromSeconds(5)).Last().Send.Message);
        await lb1.StartAsync();

        await junk.SendAsync(new byte[] { 0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xC0, 0x0C }, MdnsConstants.Ipv4EndPoint, default);
        await stranger.SendAsync(announcement, MdnsConstants.Ipv4EndPoint, default);
        await using var lb2 = Service(link, "10.0.0.12", "lb2", "c1", 7400);
        await lb2.StartAsync();
        await WaitUntil(() => lb1.Peers.Count == 1);
        Assert.Equal(["lb2"], lb1.Peers.Select(p => p.NodeName));

        // The same announcement from an on-link source is taken.
        await neighbour.SendAsync(announcement, MdnsConstants.Ipv4EndPoint, default);
        await WaitUntil(() => lb1.Peers.Count == 2);
        Assert.Equal(["lb2", "lb9"], lb1.Peers.Select(p => p.NodeName));
    }

    private static DiscoveryService Service(InMemoryMdnsLink link, string address, string node, string cluster, ushort port) =>
        new(new DiscoveryOptions("eth0", cluster, node, port), link.Attach(address), TimeProvider.System, new Random(node.GetHashCode(StringComparison.Ordinal)), NullLogger.Instance);

    private static async Task WaitUntil(Func<bool> condition)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < Timeout, "timed out");
            await Task.Delay(20);
        }
    }
}
