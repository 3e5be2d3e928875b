using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Forwarding.Tcp;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Persistence;

namespace Appliance.ProxyCore.Model;

/// <summary>A backend at runtime: its configuration, its servers, its balancing algorithm and its queue.</summary>
public sealed class BackendModel
{
    /// <param name="previous">The backend of the same name before a reload: its servers' states are kept by name.</param>
    public BackendModel(ProxyConfig config, LoadBalancingPolicyRegistry policies, TimeProvider? time = null, BackendModel? previous = null)
    {
        Config = config;
        var servers = new ServerModel[config.Servers.Count];
        for (var i = 0; i < servers.Length; i++)
        {
            servers[i] = new ServerModel(config.Servers[i], i, previous?.FindServer(config.Servers[i].Name));
        }

        Servers = servers;
        Selector = ServerSelector.Create(config, servers, policies);
        Timeouts = TunnelTimeouts.From(config.Timeouts);
        if (config.Mode == ProxyMode.Http && CookieConfigParser.Parse(config) is { } cookie)
        {
            Persistence = new CookiePersistence(cookie, servers, time ?? TimeProvider.System);
        }
    }

    /// <summary>Cookie persistence (<c>cookie</c> keyword, HTTP mode), or null.</summary>
    public CookiePersistence? Persistence { get; }

    public ProxyConfig Config { get; }

    public string Name => Config.Name;

    public IReadOnlyList<ServerModel> Servers { get; }

    public ServerSelector Selector { get; }

    /// <summary>Connections waiting for a server slot (<c>maxconn</c> reached on every usable server).</summary>
    public ServerQueue Queue { get; } = new();

    /// <summary>The server-side idle timeouts (server, server-fin, tunnel) of this backend.</summary>
    public TunnelTimeouts Timeouts { get; }

    /// <summary>How long a connection may wait in <see cref="Queue"/>: <c>timeout queue</c>, else <c>timeout connect</c> (HAProxy's rule).</summary>
    public TimeSpan? QueueTimeout => Config.Timeouts.Queue ?? Config.Timeouts.Connect;

    public ServerModel? FindServer(string name)
    {
        foreach (var server in Servers)
        {
            if (server.Name == name)
            {
                return server;
            }
        }

        return null;
    }
}
