using System.Net;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Health;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Tests.Health;

public sealed class HealthProbeFactoryTests
{
    private static readonly HealthProbeFactory Factory = new(TimeProvider.System, new FakeHostResolver([]));
    private static readonly CheckTarget Target = new(IPAddress.Loopback, "127.0.0.1", 80);

    [Fact]
    public void CreateCheckProbe_NoHttpchk_TcpConnect()
    {
        var config = HealthTestServers.Config();

        var probe = Factory.CreateCheckProbe(HealthTestServers.Backend(servers: config), new ServerModel(config, 0), Target);

        Assert.IsType<TcpConnectProbe>(probe);
    }

    [Fact]
    public void CreateCheckProbe_Httpchk_HttpCheck()
    {
        var config = HealthTestServers.Config();

        var probe = Factory.CreateCheckProbe(HealthTestServers.Backend(httpCheck: HttpCheckConfig.Default, servers: config), new ServerModel(config, 0), Target);

        Assert.IsType<HttpCheckProbe>(probe);
    }

    [Fact]
    public void CreateAgentProbe_ServerWithoutAgentCheck_ThrowsNamingServer()
    {
        var config = HealthTestServers.Config();

        var error = Assert.Throws<ArgumentException>(() => Factory.CreateAgentProbe(HealthTestServers.Backend(servers: config), new ServerModel(config, 0), Target));

        Assert.StartsWith("server 's1' has no agent-check", error.Message);
    }

    [Fact]
    public void CreateAgentProbe_AgentCheck_AgentProbe()
    {
        var config = HealthTestServers.Config(agent: HealthTestServers.Agent());

        Assert.IsType<AgentProbe>(Factory.CreateAgentProbe(HealthTestServers.Backend(servers: config), new ServerModel(config, 0), Target));
    }
}
