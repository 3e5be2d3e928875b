using System.Net;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Health;

namespace Appliance.ProxyCore.Tests.Health;

public sealed class CheckTargetTests
{
    [Fact]
    public void TryForCheck_NoOverrides_UsesServerAddressAndPort()
    {
        Assert.True(CheckTarget.TryForCheck("b", HealthTestServers.Config(port: 8080), out var target, out _));

        Assert.Equal(new CheckTarget(IPAddress.Loopback, "127.0.0.1", 8080), target);
    }

    [Fact]
    public void TryForCheck_AddrAndPortKeywords_OverrideServer()
    {
        var config = HealthTestServers.Config(port: 8080) with { CheckAddress = IPAddress.Parse("10.0.0.9"), CheckPort = 9000 };

        Assert.True(CheckTarget.TryForCheck("b", config, out var target, out _));

        Assert.Equal(new CheckTarget(IPAddress.Parse("10.0.0.9"), "10.0.0.9", 9000), target);
    }

    [Fact]
    public void TryForCheck_HostName_LeavesAddressToResolve()
    {
        var config = HealthTestServers.Config() with { Host = "app.internal", Address = null };

        Assert.True(CheckTarget.TryForCheck("b", config, out var target, out _));

        Assert.Null(target.Address);
        Assert.Equal("app.internal", target.Host);
    }

    [Fact]
    public void TryForCheck_NoPortAnywhere_DisablesWithLocatedWarning()
    {
        Assert.False(CheckTarget.TryForCheck("b", HealthTestServers.Config(port: null), out _, out var error));

        Assert.Equal("test.cfg:12: warning: 'server b/s1' has neither a service port nor a check 'port': health check disabled", error);
    }

    [Fact]
    public void TryForAgent_NoAgentAddr_UsesAddrKeywordThenServerAddress()
    {
        var agent = HealthTestServers.Agent();
        var withAddr = HealthTestServers.Config(agent: agent) with { CheckAddress = IPAddress.Parse("10.0.0.9") };

        Assert.True(CheckTarget.TryForAgent("b", withAddr, out var viaAddr, out _));
        Assert.True(CheckTarget.TryForAgent("b", HealthTestServers.Config(agent: agent), out var viaServer, out _));

        Assert.Equal(new CheckTarget(IPAddress.Parse("10.0.0.9"), "10.0.0.9", 9999), viaAddr);
        Assert.Equal(new CheckTarget(IPAddress.Loopback, "127.0.0.1", 9999), viaServer);
    }

    [Fact]
    public void TryForAgent_AgentAddrNameOrAddress_TakesPrecedence()
    {
        var byName = HealthTestServers.Config(agent: new AgentCheckConfig(null, "agent.internal", 7000, TimeSpan.FromSeconds(2), null));
        var byAddress = HealthTestServers.Config(agent: new AgentCheckConfig(IPAddress.Parse("10.1.1.1"), null, 7000, TimeSpan.FromSeconds(2), null));

        Assert.True(CheckTarget.TryForAgent("b", byName, out var named, out _));
        Assert.True(CheckTarget.TryForAgent("b", byAddress, out var addressed, out _));

        Assert.Equal(new CheckTarget(null, "agent.internal", 7000), named);
        Assert.Equal(new CheckTarget(IPAddress.Parse("10.1.1.1"), "10.1.1.1", 7000), addressed);
    }

    [Fact]
    public void TryForAgent_PortZero_DisablesWithLocatedWarning()
    {
        var config = HealthTestServers.Config(agent: new AgentCheckConfig(null, null, 0, TimeSpan.FromSeconds(2), null));

        Assert.False(CheckTarget.TryForAgent("b", config, out _, out var error));

        Assert.Equal("test.cfg:12: warning: 'server b/s1' 'agent-check' expects 'agent-port' 1..65535 (got 0): agent disabled", error);
    }

    [Fact]
    public void ToString_IPv6_Bracketed()
    {
        Assert.Equal("[::1]:80", new CheckTarget(IPAddress.IPv6Loopback, "::1", 80).ToString());
        Assert.Equal("app:80", new CheckTarget(null, "app", 80).ToString());
    }
}
