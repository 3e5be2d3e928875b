using System.Net;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Tests.LoadBalancing;

/// <summary>Builds server models from <see cref="ServerConfig"/> records and drives balancers for the tests.</summary>
internal static class TestServers
{
    public static ServerConfig Config(string name, int weight = 1, int maxConn = 0, bool backup = false) => new()
    {
        Name = name,
        Host = "127.0.0.1",
        Address = IPAddress.Loopback,
        Port = 8080,
        Location = new SourceLocation("test.cfg", 1),
        Weight = weight,
        MaxConn = maxConn,
        Backup = backup,
    };

    public static ServerModel[] Build(params ServerConfig[] configs)
    {
        var servers = new ServerModel[configs.Length];
        for (var i = 0; i < configs.Length; i++)
        {
            servers[i] = new ServerModel(configs[i], i);
        }

        return servers;
    }

    /// <summary>Active servers named s0, s1, ... with the given weights.</summary>
    public static ServerModel[] WithWeights(params int[] weights)
    {
        var configs = new ServerConfig[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            configs[i] = Config($"s{i}", weights[i]);
        }

        return Build(configs);
    }

    public static ILoadBalancer Create(ILoadBalancingPolicy policy, IReadOnlyList<ServerModel> servers, params string[] arguments) =>
        policy.Create(new BalanceConfig(policy.Name, arguments), servers);

    public static ServerSelector Selector(ILoadBalancingPolicy policy, IReadOnlyList<ServerModel> servers, params string[] arguments) =>
        new(servers, Create(policy, servers, arguments));

    /// <summary>Selects <paramref name="picks"/> times and counts the picks per server index; fails on any non-pick.</summary>
    public static int[] Count(ServerSelector selector, int picks, BalanceContext context = default)
    {
        var counts = new int[selector.Servers.Count];
        for (var i = 0; i < picks; i++)
        {
            var selection = selector.Select(context);
            Assert.True(selection.IsPicked, $"pick {i} gave {selection}");
            counts[selection.Server.Index]++;
        }

        return counts;
    }

    /// <summary>The names of <paramref name="picks"/> successive picks, e.g. "s0 s0 s1 s0".</summary>
    public static string Sequence(ServerSelector selector, int picks, BalanceContext context = default)
    {
        var names = new string[picks];
        for (var i = 0; i < picks; i++)
        {
            names[i] = selector.Select(context).Server?.Name ?? "-";
        }

        return string.Join(' ', names);
    }

    /// <summary>The longest run of consecutive picks of <paramref name="server"/>.</summary>
    public static int LongestRun(ServerSelector selector, ServerModel server, int picks)
    {
        int longest = 0, current = 0;
        for (var i = 0; i < picks; i++)
        {
            current = selector.Select(default).Server == server ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }

    public static void SetDown(ServerModel server) => server.State.SetHealth(ServerHealth.Down, 0);

    public static void SetUp(ServerModel server) => server.State.SetHealth(ServerHealth.Up, 0);
}
