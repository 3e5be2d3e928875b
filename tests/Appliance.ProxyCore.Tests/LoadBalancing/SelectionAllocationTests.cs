using System.Net;
using Appliance.ProxyCore.LoadBalancing;
using static Appliance.ProxyCore.Tests.LoadBalancing.TestServers;

namespace Appliance.ProxyCore.Tests.LoadBalancing;

public class SelectionAllocationTests
{
    [Theory]
    [InlineData("roundrobin", new string[0])]
    [InlineData("static-rr", new string[0])]
    [InlineData("leastconn", new string[0])]
    [InlineData("source", new string[0])]
    [InlineData("first", new string[0])]
    [InlineData("uri", new[] { "depth", "2" })]
    [InlineData("hdr", new[] { "Host", "use_domain_only" })]
    [InlineData("random", new string[0])]
    public void Select_Warm_AllocatesNothing(string algorithm, string[] arguments)
    {
        Assert.True(LoadBalancingPolicyRegistry.Default.TryGet(algorithm, out var policy));
        var servers = Build(Config("a1", 1), Config("a2", 2), Config("a3", 3), Config("b1", backup: true));
        var selector = Selector(policy, servers, arguments);
        Func<string, string?> headers = _ => "www.example.com";
        var context = new BalanceContext(IPAddress.Parse("2001:db8::7"), "/a/b/c?q=1", headers);
        for (var i = 0; i < 100; i++)
        {
            selector.Select(context, exclude: servers[0]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            selector.Select(context, exclude: servers[0]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
