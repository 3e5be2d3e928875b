using Appliance.ProxyCore.LoadBalancing;

namespace Appliance.ProxyCore.Tests.LoadBalancing;

public class PolicyValidationTests
{
    private static ILoadBalancingPolicy Policy(string name)
    {
        Assert.True(LoadBalancingPolicyRegistry.Default.TryGet(name, out var policy), $"'{name}' is not registered");
        return policy;
    }

    [Fact]
    public void Default_RegistersEveryBuiltInAlgorithm()
    {
        Assert.Equal(
            ["first", "hdr", "leastconn", "random", "roundrobin", "source", "static-rr", "uri"],
            LoadBalancingPolicyRegistry.Default.Names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("roundrobin")]
    [InlineData("static-rr")]
    [InlineData("leastconn")]
    [InlineData("source")]
    [InlineData("first")]
    [InlineData("uri")]
    [InlineData("random")]
    public void ValidateArguments_NoArguments_Valid(string algorithm)
    {
        Assert.Null(Policy(algorithm).ValidateArguments([]));
    }

    [Theory]
    [InlineData("roundrobin")]
    [InlineData("static-rr")]
    [InlineData("leastconn")]
    [InlineData("source")]
    [InlineData("first")]
    public void ValidateArguments_UnexpectedArgument_NamesIt(string algorithm)
    {
        Assert.Equal($"'balance {algorithm}' takes no arguments (got 'x y')", Policy(algorithm).ValidateArguments(["x", "y"]));
    }

    [Theory]
    [InlineData("len 12")]
    [InlineData("depth 3")]
    [InlineData("whole")]
    [InlineData("path-only")]
    [InlineData("len 20 depth 2 whole path-only")]
    public void ValidateArguments_UriValidArguments_Valid(string arguments)
    {
        Assert.Null(Policy("uri").ValidateArguments(arguments.Split(' ')));
    }

    [Theory]
    [InlineData(new[] { "len" }, "'balance uri': 'len' expects a positive integer (got nothing)")]
    [InlineData(new[] { "depth", "-1" }, "'balance uri': 'depth' expects a positive integer (got '-1')")]
    [InlineData(new[] { "len", "many" }, "'balance uri': 'len' expects a positive integer (got 'many')")]
    [InlineData(new[] { "full" }, "'balance uri' accepts only 'len <N>', 'depth <N>', 'whole' and 'path-only' (got 'full')")]
    public void ValidateArguments_UriInvalid_ExplainsExpectation(string[] arguments, string expected)
    {
        Assert.Equal(expected, Policy("uri").ValidateArguments(arguments));
    }

    [Theory]
    [InlineData("Host")]
    [InlineData("host use_domain_only")]
    [InlineData("X-Forwarded-For")]
    public void ValidateArguments_HdrValid_Valid(string arguments)
    {
        Assert.Null(Policy("hdr").ValidateArguments(arguments.Split(' ')));
    }

    [Theory]
    [InlineData(new string[0], "'balance hdr' expects a header name as hdr(NAME)")]
    [InlineData(new[] { "" }, "'balance hdr' expects a header name as hdr(NAME)")]
    [InlineData(new[] { "Bad Name" }, "'balance hdr' expects a header name as hdr(NAME) (got 'Bad Name', which is not a valid header name)")]
    [InlineData(new[] { "Host", "domain" }, "'balance hdr(Host)' accepts only 'use_domain_only' after the header name (got 'domain')")]
    [InlineData(new[] { "Host", "use_domain_only", "x" }, "'balance hdr(Host)' accepts only 'use_domain_only' after the header name (got 'use_domain_only x')")]
    public void ValidateArguments_HdrInvalid_ExplainsExpectation(string[] arguments, string expected)
    {
        Assert.Equal(expected, Policy("hdr").ValidateArguments(arguments));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("5")]
    public void ValidateArguments_RandomDraws_Valid(string arguments)
    {
        Assert.Null(Policy("random").ValidateArguments(arguments.Split(' ')));
    }

    [Theory]
    [InlineData(new[] { "0" }, "'balance random' expects a positive number of draws as random(N) (got '0')")]
    [InlineData(new[] { "two" }, "'balance random' expects a positive number of draws as random(N) (got 'two')")]
    [InlineData(new[] { "2", "3" }, "'balance random' expects a positive number of draws as random(N) (got '2 3')")]
    public void ValidateArguments_RandomInvalid_ExplainsExpectation(string[] arguments, string expected)
    {
        Assert.Equal(expected, Policy("random").ValidateArguments(arguments));
    }

    [Fact]
    public void Create_ArgumentsValidationRefuses_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => TestServers.Create(Policy("roundrobin"), TestServers.WithWeights(1), "x"));

        Assert.Equal("'balance roundrobin' takes no arguments (got 'x')", error.Message);
    }
}
