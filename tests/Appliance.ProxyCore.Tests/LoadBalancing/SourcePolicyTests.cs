using System.Net;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Model;
using static Appliance.ProxyCore.Tests.LoadBalancing.TestServers;

namespace Appliance.ProxyCore.Tests.LoadBalancing;

public class SourcePolicyTests
{
    private static readonly SourcePolicy s_policy = new();

    private static BalanceContext From(string address) => new(IPAddress.Parse(address));

    /// <summary>1,000 distinct client addresses, 10.1.x.y.</summary>
    private static IEnumerable<BalanceContext> ThousandClients() =>
        Enumerable.Range(0, 1000).Select(i => new BalanceContext(new IPAddress(new byte[] { 10, 1, (byte)(i / 256), (byte)(i % 256) })));

    private static int[] CountClients(ServerSelector selector, IEnumerable<BalanceContext> clients)
    {
        var counts = new int[selector.Servers.Count];
        foreach (var client in clients)
        {
            counts[selector.Select(client).Server!.Index]++;
        }

        return counts;
    }

    private static ServerModel[] Placement(ServerSelector selector, IEnumerable<BalanceContext> clients) =>
        clients.Select(c => selector.Select(c).Server!).ToArray();

    [Theory]
    [InlineData("192.0.2.7")]
    [InlineData("2001:db8::42")]
    public void Pick_SameAddress_SameServerEveryTime(string address)
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1, 1));
        var first = selector.Select(From(address)).Server;

        for (var i = 0; i < 1000; i++)
        {
            Assert.Same(first, selector.Select(From(address)).Server);
        }
    }

    [Fact]
    public void Pick_ThousandAddressesWeights123_SpreadRoughlyByWeight()
    {
        var counts = CountClients(Selector(s_policy, WithWeights(1, 2, 3)), ThousandClients());

        // Expected 167/333/500; the tolerance is about 4 standard deviations of a fair split.
        Assert.InRange(counts[0], 167 - 50, 167 + 50);
        Assert.InRange(counts[1], 333 - 60, 333 + 60);
        Assert.InRange(counts[2], 500 - 65, 500 + 65);
    }

    [Fact]
    public void Pick_ThousandIpv6Addresses_SpreadEvenly()
    {
        var clients = Enumerable.Range(0, 1000).Select(i => From($"2001:db8::{i:x}"));

        var counts = CountClients(Selector(s_policy, WithWeights(1, 1, 1, 1)), clients);

        Assert.All(counts, c => Assert.InRange(c, 250 - 55, 250 + 55));
    }

    [Fact]
    public void Pick_Ipv4MappedIpv6_SameServerAsIpv4()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1, 1, 1, 1, 1));

        foreach (var client in ThousandClients().Take(50))
        {
            var mapped = new BalanceContext(client.ClientAddress!.MapToIPv6());
            Assert.Same(selector.Select(client).Server, selector.Select(mapped).Server);
        }
    }

    [Fact]
    public void Pick_ServerGoesDownAndBack_OwnClientsMoveThenPlacementRestored()
    {
        var servers = WithWeights(1, 1, 1);
        var selector = Selector(s_policy, servers);
        var clients = ThousandClients().ToArray();
        var before = Placement(selector, clients);

        SetDown(servers[1]);
        var during = Placement(selector, clients);
        Assert.DoesNotContain(servers[1], during);
        Assert.Equal(during, Placement(selector, clients));

        SetUp(servers[1]);
        Assert.Equal(before, Placement(selector, clients));
    }

    [Fact]
    public void Pick_AgentWeightChange_ClientsStay()
    {
        // map-based hashing is static in HAProxy: a runtime weight change does not remap clients.
        var servers = WithWeights(10, 10, 10);
        var selector = Selector(s_policy, servers);
        var clients = ThousandClients().ToArray();
        var before = Placement(selector, clients);

        servers[0].State.SetAgentWeightPercent(30);

        Assert.Equal(before, Placement(selector, clients));
    }

    [Fact]
    public void Pick_Drained_GetsNoClients()
    {
        var servers = WithWeights(1, 1, 1);
        var selector = Selector(s_policy, servers);
        servers[0].State.SetOperatorAdmin(ServerAdminState.Drain);

        Assert.Equal(0, CountClients(selector, ThousandClients())[0]);
    }

    [Fact]
    public void Pick_NoClientAddress_FallsBackToRoundRobin()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1));

        Assert.Equal("s0 s1 s2 s0 s1 s2", Sequence(selector, 6));
        Assert.Equal([3334, 3333, 3333], Count(selector, 10_000));
    }
}
