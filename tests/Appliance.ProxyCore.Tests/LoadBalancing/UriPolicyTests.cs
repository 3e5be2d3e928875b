using Appliance.ProxyCore.LoadBalancing;
using static Appliance.ProxyCore.Tests.LoadBalancing.TestServers;

namespace Appliance.ProxyCore.Tests.LoadBalancing;

public class UriPolicyTests
{
    private static readonly UriPolicy s_policy = new();

    private static string KeyOf(string uri, params string[] arguments)
    {
        Assert.Null(UriHashOptions.TryParse(arguments, out var options));
        return options.KeyOf(uri).ToString();
    }

    [Theory]
    [InlineData("/a/b/c?x=1", new string[0], "/a/b/c")]
    [InlineData("/a/b/c?x=1", new[] { "whole" }, "/a/b/c?x=1")]
    [InlineData("/a/b/c/d", new[] { "depth", "1" }, "/a")]
    [InlineData("/a/b/c/d", new[] { "depth", "2" }, "/a/b")]
    [InlineData("/a/b", new[] { "depth", "5" }, "/a/b")]
    [InlineData("/abcdef/g", new[] { "len", "4" }, "/abc")]
    [InlineData("/a/bcdef/g", new[] { "len", "4", "depth", "2" }, "/a/b")]
    [InlineData("/a/b/cdef", new[] { "depth", "2", "len", "8" }, "/a/b")]
    [InlineData("/a?q=1/2", new[] { "depth", "1" }, "/a")]
    [InlineData("http://example.com/a/b?q", new string[0], "http://example.com/a/b")]
    [InlineData("http://example.com/a/b?q", new[] { "path-only" }, "/a/b")]
    [InlineData("http://example.com/a/b?q", new[] { "path-only", "whole" }, "/a/b?q")]
    [InlineData("http://example.com?q", new[] { "path-only", "whole" }, "?q")]
    public void KeyOf_Arguments_HashesTheRightPart(string uri, string[] arguments, string expected)
    {
        Assert.Equal(expected, KeyOf(uri, arguments));
    }

    [Fact]
    public void Pick_SameUri_SameServerEveryTime()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1, 1));
        var context = new BalanceContext(null, "/images/logo.png");
        var first = selector.Select(context).Server;

        for (var i = 0; i < 1000; i++)
        {
            Assert.Same(first, selector.Select(context).Server);
        }
    }

    [Fact]
    public void Pick_QueryStringDiffers_SameServerByDefault()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1, 1, 1, 1, 1, 1));

        for (var i = 0; i < 100; i++)
        {
            var path = $"/item/{i}";
            Assert.Same(selector.Select(new(null, path)).Server, selector.Select(new(null, $"{path}?session={i * 7}")).Server);
        }
    }

    [Fact]
    public void Pick_WholeAndQueryDiffers_QueryCounts()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1, 1), "whole");

        var servers = Enumerable.Range(0, 100).Select(i => selector.Select(new(null, $"/same?v={i}")).Server).Distinct().Count();

        Assert.Equal(4, servers);
    }

    [Fact]
    public void Pick_Depth1_SameTopDirectorySameServer()
    {
        var selector = Selector(s_policy, WithWeights(1, 1, 1, 1), "depth", "1");

        for (var i = 0; i < 100; i++)
        {
            Assert.Same(selector.Select(new(null, "/shop")).Server, selector.Select(new(null, $"/shop/item/{i}")).Server);
        }
    }

    [Fact]
    public void Pick_ThousandUrisWeights123_SpreadRoughlyByWeight()
    {
        var selector = Selector(s_policy, WithWeights(1, 2, 3));
        var counts = new int[3];
        for (var i = 0; i < 1000; i++)
        {
            counts[selector.Select(new(null, $"/catalog/product-{i}.html")).Server!.Index]++;
        }

        Assert.InRange(counts[0], 167 - 50, 167 + 50);
        Assert.InRange(counts[1], 333 - 60, 333 + 60);
        Assert.InRange(counts[2], 500 - 65, 500 + 65);
    }

    [Fact]
    public void Pick_NoUri_FallsBackToRoundRobin()
    {
        var selector = Selector(s_policy, WithWeights(1, 1));

        Assert.Equal([5000, 5000], Count(selector, 10_000));
    }

    [Fact]
    public void Create_InvalidArguments_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Create(s_policy, WithWeights(1), "len", "0"));

        Assert.Equal("'balance uri': 'len' expects a positive integer (got '0')", error.Message);
    }
}
