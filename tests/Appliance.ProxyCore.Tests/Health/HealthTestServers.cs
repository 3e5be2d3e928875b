using System.Net;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Tests.Health;

/// <summary>Builds server and backend configurations for health tests.</summary>
internal static class HealthTestServers
{
    public static readonly SourceLocation Location = new("test.cfg", 12);

    public static ServerConfig Config(
        string name = "s1",
        bool check = true,
        int? port = 8080,
        int weight = 10,
        int rise = 2,
        int fall = 3,
        TimeSpan? inter = null,
        TimeSpan? fastInter = null,
        TimeSpan? downInter = null,
        AgentCheckConfig? agent = null) => new()
        {
            Name = name,
            Host = "127.0.0.1",
            Address = IPAddress.Loopback,
            Port = port,
            Location = Location,
            Check = check,
            Weight = weight,
            Rise = rise,
            Fall = fall,
            Inter = inter ?? TimeSpan.FromSeconds(2),
            FastInter = fastInter,
            DownInter = downInter,
            Agent = agent,
        };

    public static ServerModel Model(ServerConfig config, int index = 0) => new(config, index);

    public static AgentCheckConfig Agent(TimeSpan? interval = null, string? send = null) =>
        new(null, null, 9999, interval ?? TimeSpan.FromSeconds(2), send);

    public static ProxyConfig Backend(string name = "b", HttpCheckConfig? httpCheck = null, TimeoutsConfig? timeouts = null, params ServerConfig[] servers) => new()
    {
        Name = name,
        Kind = ProxyKind.Backend,
        Location = new SourceLocation("test.cfg", 10),
        HttpCheck = httpCheck,
        Timeouts = timeouts ?? TimeoutsConfig.None,
        Servers = servers,
    };
}
