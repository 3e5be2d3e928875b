using System.Diagnostics;
using System.Net;
using Appliance.LabTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>
/// Peer discovery over mDNS / DNS-SD on the lab bridge, judged by a real avahi-daemon 0.8 and by our own nodes: avahi
/// sees our announcement with its TXT, we see avahi's, two of our nodes find each other and a stopped node's goodbye
/// makes it disappear at once (not after the 120 s TTL).
/// </summary>
public sealed class DiscoveryInteropTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [LabFact("avahi-daemon", "avahi-browse", "avahi-publish", "dbus-daemon")]
    public async Task AvahiBrowse_OurNodeAnnounced_ResolvedWithTxtRecords()
    {
        await using var lab = new DiscoveryLab(output);
        var avahi = lab.StartAvahi("cl", "avahi-lab");
        var node = await lab.StartNodeAsync("lb1", "lb1", "c1", 7400);
        await node.Service.Announced.WaitAsync(Timeout);

        var line = await PollAsync(() => avahi.Browse("_appliance._tcp"), l => l.StartsWith("=;eth0;IPv4;lb1;_appliance._tcp;local;", StringComparison.Ordinal));

        output.WriteLine($"avahi-browse: {line}");
        var fields = line.Split(';');
        Assert.Equal(["lb1.local", "10.213.0.11", "7400"], fields[6..9]);
        var txt = fields[9];
        foreach (var pair in new[] { "\"cluster=c1\"", "\"node=lb1\"", "\"sync=7400\"", "\"txtvers=1\"" })
        {
            Assert.Contains(pair, txt, StringComparison.Ordinal);
        }
    }

    [LabFact("avahi-daemon", "avahi-publish", "dbus-daemon")]
    public async Task OurBrowser_AvahiPublishesService_PeerFoundWithTxtValuesThenLostOnItsGoodbye()
    {
        await using var lab = new DiscoveryLab(output);
        var avahi = lab.StartAvahi("cl", "avahi-lab");
        var node = await lab.StartNodeAsync("lb1", "lb1", "c1");
        var publish = avahi.Publish("x", "_appliance._tcp", 7400, "cluster=c1", "node=x", "sync=7400");

        var peer = await node.WaitForAsync("found", p => p.Instance == "x", Timeout);

        output.WriteLine($"found: {peer}");
        Assert.Equal(("x", "c1", 7400, "avahi-lab.local"), (peer.NodeName, peer.ClusterId, peer.SyncPort, peer.Host));
        // avahi also publishes its link-local IPv6 address (AAAA) even with use-ipv6=no; IPv4 comes first.
        Assert.Equal(IPAddress.Parse("10.213.0.31"), peer.Addresses[0]);
        Assert.All(peer.Addresses.Skip(1), a => Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, a.AddressFamily));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.213.0.31"), 7400), peer.SyncEndPoint);
        Assert.Contains(node.Service.Peers, p => p.Instance == "x");

        // avahi-publish withdraws its entry when it exits: avahi sends the goodbye.
        var stopped = Stopwatch.GetTimestamp();
        publish.Signal(Posix.SigTerm);
        await node.WaitForAsync("lost", p => p.Instance == "x", Timeout);
        output.WriteLine($"lost {Stopwatch.GetElapsedTime(stopped).TotalMilliseconds:F0} ms after avahi-publish stopped");
        Assert.True(Stopwatch.GetElapsedTime(stopped) < TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(node.Service.Peers, p => p.Instance == "x");
    }

    [LabFact("avahi-daemon", "avahi-publish", "dbus-daemon")]
    public async Task OurBrowser_AvahiPublishesOtherCluster_NotReported()
    {
        await using var lab = new DiscoveryLab(output);
        var avahi = lab.StartAvahi("cl", "avahi-lab");
        var node = await lab.StartNodeAsync("lb1", "lb1", "c1");
        avahi.Publish("y", "_appliance._tcp", 7400, "cluster=other", "node=y", "sync=7400");
        avahi.Publish("x", "_appliance._tcp", 7400, "cluster=c1", "node=x", "sync=7400");

        await node.WaitForAsync("found", p => p.Instance == "x", Timeout);

        Assert.DoesNotContain(node.Events, e => e.Peer.Instance == "y");
        Assert.Equal(["x"], node.Service.Peers.Select(p => p.Instance));
    }

    [LabFact("avahi-daemon", "avahi-publish", "dbus-daemon")]
    public async Task Probe_AvahiAlreadyOwnsTheInstanceName_OurNodeRenamesAndBothAreSeen()
    {
        await using var lab = new DiscoveryLab(output);
        var avahi = lab.StartAvahi("cl", "avahi-lab");
        avahi.Publish("lb1", "_appliance._tcp", 7500, "cluster=c1", "node=imposter", "sync=7500");

        var node = await lab.StartNodeAsync("lb1", "lb1", "c1");
        await node.Service.Announced.WaitAsync(Timeout);

        Assert.Equal("lb1 (2)", node.Service.InstanceName);
        // avahi-browse -p escapes ' ', '(' and ')' in decimal: \032, \040, \041.
        var line = await PollAsync(() => avahi.Browse("_appliance._tcp"), l => l.StartsWith("=;eth0;IPv4;lb1\\032\\0402\\041;", StringComparison.Ordinal));
        Assert.Contains(";lb1.local;10.213.0.11;7400;", line, StringComparison.Ordinal);
        var imposter = await node.WaitForAsync("found", p => p.Instance == "lb1", Timeout);
        Assert.Equal(("imposter", 7500), (imposter.NodeName, imposter.SyncPort));
    }

    [LabFact("avahi-daemon", "avahi-browse", "avahi-publish", "dbus-daemon")]
    public async Task SharedNamespace_AvahiAndOurNodeBothOnPort5353_EachSeesTheOtherAndTheRemoteNode()
    {
        await using var lab = new DiscoveryLab(output);
        var avahi = lab.StartAvahi("lb1", "avahi-lb1");
        avahi.Publish("x", "_appliance._tcp", 7400, "cluster=c1", "node=x", "sync=7400");
        var lb1 = await lab.StartNodeAsync("lb1", "lb1", "c1");
        var lb2 = await lab.StartNodeAsync("lb2", "lb2", "c1");

        // Same namespace, same port: avahi's multicasts reach our socket (multicast loopback), and ours reach avahi.
        var x = await lb1.WaitForAsync("found", p => p.Instance == "x", Timeout);
        Assert.Equal(IPAddress.Parse("10.213.0.11"), x.Addresses[0]);
        await lb1.WaitForAsync("found", p => p.Instance == "lb2", Timeout);
        await lb2.WaitForAsync("found", p => p.Instance == "x", Timeout);
        await lb2.WaitForAsync("found", p => p.Instance == "lb1", Timeout);
        await PollAsync(() => avahi.Browse("_appliance._tcp"), l => l.StartsWith("=;eth0;IPv4;lb1;", StringComparison.Ordinal));
        var line = await PollAsync(() => avahi.Browse("_appliance._tcp"), l => l.StartsWith("=;eth0;IPv4;lb2;", StringComparison.Ordinal));
        Assert.Contains(";lb2.local;10.213.0.12;7400;", line, StringComparison.Ordinal);
    }

    [LabFact]
    public async Task TwoNodes_FindEachOther_StoppedNodesGoodbyeMakesItLostAtOnce()
    {
        await using var lab = new DiscoveryLab(output);
        var lb1 = await lab.StartNodeAsync("lb1", "lb1", "c1", 7400);
        var lb2 = await lab.StartNodeAsync("lb2", "lb2", "c1", 7401);

        var seenBy1 = await lb1.WaitForAsync("found", p => p.NodeName == "lb2", Timeout);
        var seenBy2 = await lb2.WaitForAsync("found", p => p.NodeName == "lb1", Timeout);

        Assert.Equal((IPAddress.Parse("10.213.0.12"), 7401, "lb2.local"), (seenBy1.Addresses.Single(), seenBy1.SyncPort, seenBy1.Host));
        Assert.Equal((IPAddress.Parse("10.213.0.11"), 7400, "lb1.local"), (seenBy2.Addresses.Single(), seenBy2.SyncPort, seenBy2.Host));
        Assert.Equal(["lb2"], lb1.Service.Peers.Select(p => p.NodeName));

        var stopped = Stopwatch.GetTimestamp();
        await lb2.Service.StopAsync();
        var lost = await lb1.WaitForAsync("lost", p => p.NodeName == "lb2", Timeout);
        var after = Stopwatch.GetElapsedTime(stopped);
        output.WriteLine($"lb2 lost {after.TotalMilliseconds:F0} ms after its stop (goodbye + 1 s, RFC 6762 §10.1)");

        Assert.Equal("lb2", lost.NodeName);
        Assert.InRange(after, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        Assert.Empty(lb1.Service.Peers);
    }

    [LabFact]
    public async Task TwoNodes_SameNodeName_SecondRenamesAndEachSeesTheOther()
    {
        await using var lab = new DiscoveryLab(output);
        var first = await lab.StartNodeAsync("lb1", "lb", "c1");
        await first.Service.Announced.WaitAsync(Timeout);
        var second = await lab.StartNodeAsync("lb2", "lb", "c1");
        await second.Service.Announced.WaitAsync(Timeout);

        Assert.Equal("lb", first.Service.InstanceName);
        Assert.Equal("lb (2)", second.Service.InstanceName);
        var seen = await first.WaitForAsync("found", p => p.Instance == "lb (2)", Timeout);
        Assert.Equal((IPAddress.Parse("10.213.0.12"), "lb-2.local"), (seen.Addresses.Single(), seen.Host));
        await second.WaitForAsync("found", p => p.Instance == "lb", Timeout);
    }

    private static async Task<string> PollAsync(Func<IReadOnlyList<string>> lines, Func<string, bool> match)
    {
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<string> last = [];
        while (Stopwatch.GetElapsedTime(started) < Timeout)
        {
            last = lines();
            if (last.FirstOrDefault(match) is { } hit)
            {
                return hit;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"no matching line within {Timeout.TotalSeconds} s; last output:\n{string.Join('\n', last)}");
    }
}
