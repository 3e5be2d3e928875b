using System.Net;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Model;

/// <summary>A server at runtime: its immutable configuration and its shared mutable state.</summary>
public sealed class ServerModel
{
    private IPAddress? _address;

    /// <param name="config">The server line.</param>
    /// <param name="index">Its position in the backend.</param>
    /// <param name="previous">
    /// The state of the same server (same backend, same name) before a reload: kept, so health, admin state and
    /// counters survive the reload. Null on a first start.
    /// </param>
    public ServerModel(ServerConfig config, int index, ServerModel? previous = null)
    {
        _address = config.Address;
        Config = config;
        Index = index;
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
            State = new ServerState(config.Weight, config.MaxConn, startsUp: !config.Disabled);
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

    public override string ToString() => Name;
}
