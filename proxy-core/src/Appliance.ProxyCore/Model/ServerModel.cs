using System.Net;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Model;

/// <summary>A server at runtime: its immutable configuration and its shared mutable state.</summary>
public sealed class ServerModel
{
    private IPAddress? _address;

    /// <param name="config">The server line.</param>
    /// <param name="index">The position in the backend.</param>
    /// <param name="time">The clock of the counters; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="backendTraffic">The backend's counters, which count this server's sessions too; default none.</param>
    /// <param name="previous">
    /// The same server (same backend, same name) before a reload: its state is kept, so health, admin state and
    /// counters survive the reload. Null on a first start.
    /// </param>
    public ServerModel(ServerConfig config, int index, TimeProvider? time = null, TrafficCounters? backendTraffic = null, ServerModel? previous = null)
    {
        _address = config.Address;
        Config = config;
        Index = index;
        Checks = new ServerCheckState(config);
        if (previous is not null)
        {
            previous.State.Reconfigure(config.Weight, config.MaxConn);
            State = previous.State;
            if (previous.Config.Disabled && !config.Disabled)
            {
                // The configuration took it out of maintenance: it is its own operator here.
                State.SetOperatorAdmin(ServerAdminState.Ready);
            }
        }
        else
        {
            State = new ServerState(config.Weight, config.MaxConn, startsUp: !config.Disabled, time, backendTraffic);
        }

        if (config.Disabled)
        {
            State.SetOperatorAdmin(ServerAdminState.Maint);
        }
    }

    public ServerConfig Config { get; }

    /// <summary>
    /// The address traffic goes to: the configured IP literal, or the result of resolving <see cref="ServerConfig.Host"/>
    /// at start-up (HAProxy's <c>init-addr libc</c>). Null while a host name is unresolved.
    /// </summary>
    public IPAddress? Address
    {
        get => Volatile.Read(ref _address);
        set => Volatile.Write(ref _address, value);
    }

    /// <summary>The position of the server in its backend, used as a stable identifier by balancers.</summary>
    public int Index { get; }

    public string Name => Config.Name;

    public bool IsBackup => Config.Backup;

    public ServerState State { get; }

    /// <summary>What the health checks last saw (for the stats page).</summary>
    public ServerCheckState Checks { get; }

    public override string ToString() => Name;
}
