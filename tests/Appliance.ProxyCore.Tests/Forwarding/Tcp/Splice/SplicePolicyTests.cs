using Appliance.ProxyCore.Forwarding.Tcp.Splice;

namespace Appliance.ProxyCore.Tests.Forwarding.Tcp.Splice;

public sealed class SplicePolicyTests
{
    [Theory]
    [InlineData("", "", SpliceMode.Off, SpliceMode.Off)]
    [InlineData("splice-auto", "", SpliceMode.Auto, SpliceMode.Auto)]
    [InlineData("", "splice-auto", SpliceMode.Auto, SpliceMode.Auto)]
    [InlineData("splice-request", "", SpliceMode.Always, SpliceMode.Off)]
    [InlineData("", "splice-response", SpliceMode.Off, SpliceMode.Always)]
    [InlineData("splice-auto", "splice-response", SpliceMode.Auto, SpliceMode.Always)]
    [InlineData("splice-request splice-response", "", SpliceMode.Always, SpliceMode.Always)]
    [InlineData("redispatch tcplog", "persist", SpliceMode.Off, SpliceMode.Off)]
    public void From_FrontendAndBackendOptions_EitherSideEnablesItsDirection(
        string frontend, string backend, SpliceMode request, SpliceMode response)
    {
        var policy = SplicePolicy.From(Options(frontend), Options(backend));

        Assert.Equal(new SplicePolicy(request, response), policy);
        Assert.Equal(request != SpliceMode.Off || response != SpliceMode.Off, policy.Any);
    }

    [Fact]
    public void ModeOf_WithoutPool_IsOffWhateverThePolicy()
    {
        var splice = new TunnelSplice(new SplicePolicy(SpliceMode.Always, SpliceMode.Auto), null, 10);

        Assert.Equal(SpliceMode.Off, splice.ModeOf(fromClient: true));
        Assert.Equal(SpliceMode.Off, splice.ModeOf(fromClient: false));
    }

    private static HashSet<string> Options(string names) => [.. names.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
}
