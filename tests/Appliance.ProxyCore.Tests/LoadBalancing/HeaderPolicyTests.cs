using Appliance.ProxyCore.LoadBalancing;
using static Appliance.ProxyCore.Tests.LoadBalancing.TestServers;

namespace Appliance.ProxyCore.Tests.LoadBalancing;

public class HeaderPolicyTests
{
    private static readonly HeaderPolicy s_policy = new();

    private static BalanceContext WithHeader(string name, string? value) =>
        new(null, "/", n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase) ? value : null);

    [Fact]
    public void Pick_SameHeaderValue_SameServerEveryTime()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1, 1), "X-Tenant");
        var context = WithHeader("x-tenant", "acme");
        var first = selector.Select(context).Server;

        for (var i = 0; i < 1000; i++)
        {
            Assert.Same(first, selector.Select(context).Server);
        }
    }

    [Fact]
    public void Pick_ThousandValues_SpreadEvenly()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1, 1), "User-Agent");
        var counts = new int[4];
        for (var i = 0; i < 1000; i++)
        {
            counts[selector.Select(WithHeader("User-Agent", $"agent/{i}")).Server!.Index]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 250 - 55, 250 + 55));
    }

    [Fact]
    public void Pick_AsksForTheConfiguredHeader()
    {
        var asked = new List<string>();
        var selector = Selector(s_policy, WithWeights(1, 1), "X-Shard");

        selector.Select(new BalanceContext(null, "/", n => { asked.Add(n); return "7"; }));

        Assert.Equal(["X-Shard"], asked);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Pick_HeaderMissingOrEmpty_FallsBackToRoundRobin(string? value)
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1), "X-Tenant");

        Assert.Equal([1000, 1000, 1000], Count(selector, 3000, WithHeader("X-Tenant", value)));
    }

    [Fact]
    public void Pick_NoHeaderAccess_FallsBackToRoundRobin()
    {
        var selector = Selector(s_policy, WithWeights(1, 1), "Host");

        Assert.Equal("s0 s1 s0 s1", Sequence(selector, 4));
    }

    [Fact]
    public void Pick_UseDomainOnly_SubdomainsAndPortsShareServer()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1, 1, 1, 1, 1, 1), "Host", "use_domain_only");

        for (var i = 0; i < 50; i++)
        {
            var domain = $"site{i}";
            var server = selector.Select(WithHeader("Host", $"{domain}.com")).Server;
            Assert.Same(server, selector.Select(WithHeader("Host", $"www.{domain}.com")).Server);
            Assert.Same(server, selector.Select(WithHeader("Host", $"api.eu.{domain}.org:8443")).Server);
        }
    }

    [Fact]
    public void Pick_WithoutUseDomainOnly_SubdomainsHashedApart()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1, 1), "Host");

        var servers = Enumerable.Range(0, 50).Select(i => selector.Select(WithHeader("Host", $"h{i}.example.com")).Server).Distinct().Count();

        Assert.Equal(4, servers);
    }

    [Theory]
    [InlineData("haproxy.1wt.eu", "1wt")]
    [InlineData("1wt.eu", "1wt")]
    [InlineData("www.example.com:8080", "example")]
    [InlineData("localhost", "localhost")]
    [InlineData("localhost:8080", "localhost")]
    [InlineData("[2001:db8::1]:443", "[2001:db8::1]:443")]
    public void MainDomainLabel_Host_KeepsLabelBeforeTopLevelDomain(string host, string expected)
    {
        Assert.Equal(expected, HeaderBalancer.MainDomainLabel(host).ToString());
    }
}
