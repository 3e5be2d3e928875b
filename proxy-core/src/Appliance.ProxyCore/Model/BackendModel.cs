using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Forwarding.Tcp;
using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Persistence;

namespace Appliance.ProxyCore.Model;

/// <summary>A backend at runtime: its configuration, its servers, its balancing algorithm and its queue.</summary>
public sealed class BackendModel
{
    /// <summary>The <c>option</c> that sends persistent clients to a down server (see <see cref="TakesPersistentClient"/>).</summary>
    public const string PersistOption = "persist";

    private readonly bool _persist;

    /// <param name="previous">The backend of the same name before a reload: its counters and its servers' states (by name) are kept.</param>
    /// <param name="stickTables">The live stick tables by name, for the backend's <c>stick</c> rules; default none.</param>
    public BackendModel(
        ProxyConfig config, LoadBalancingPolicyRegistry policies, TimeProvider? time = null, BackendModel? previous = null,
        IReadOnlyDictionary<string, StickTables.StickTable>? stickTables = null)
    {
        Config = config;
        _persist = config.Options.Contains(PersistOption);
        time ??= TimeProvider.System;
        // Counters survive a reload: the backend of the same name hands its own over.
        Traffic = previous?.Traffic ?? new TrafficCounters(time);
        var servers = new ServerModel[config.Servers.Count];
        for (var i = 0; i < servers.Length; i++)
        {
            servers[i] = new ServerModel(config.Servers[i], i, time, Traffic, previous?.FindServer(config.Servers[i].Name));
        }

        Servers = servers;
        Clock = new StateClock(time, startsDown: !HasUsableServer());
        foreach (var server in servers)
        {
            server.State.StateChanged = () => Clock.SetDown(!HasUsableServer());
        }

        Selector = ServerSelector.Create(config, servers, policies);
        Timeouts = TunnelTimeouts.From(config.Timeouts);
        if (config.Mode == ProxyMode.Http && CookieConfigParser.Parse(config) is { } cookie)
        {
            Persistence = new CookiePersistence(cookie, servers, time);
        }

        Stick = stickTables is null ? null : StickTables.StickRuleSet.Create(this, stickTables);
    }

    /// <summary>The <c>stick</c> rules bound to their tables, or null when the backend has none.</summary>
    public StickTables.StickRuleSet? Stick { get; }

    /// <summary>The backend's traffic counters; its sessions are those of its servers.</summary>
    public TrafficCounters Traffic { get; }

    /// <summary>The backend is down while no server can take new traffic (HAProxy's backend <c>status</c>, <c>lastchg</c>, <c>downtime</c>).</summary>
    public StateClock Clock { get; }

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

    /// <summary>
    /// True when some server, active or backup, can take new traffic (HAProxy's <c>act + bck &gt; 0</c>), and for a
    /// backend without servers, which HAProxy shows as UP.
    /// </summary>
    public bool HasUsableServer()
    {
        if (Servers.Count == 0)
        {
            return true;
        }

        foreach (var server in Servers)
        {
            if (server.State.IsUsable)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a persistent client (cookie or stick entry) may go to <paramref name="server"/> without balancing: the
    /// server is available (up, draining included), or, with <c>option persist</c>, down but not in maintenance
    /// (HAProxy sends it there anyway; a failed connection is then retried, redispatched with <c>option redispatch</c>).
    /// </summary>
    public bool TakesPersistentClient(ServerModel server) =>
        server.State.IsAvailable || (_persist && server.State.Admin != ServerAdminState.Maint);

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
