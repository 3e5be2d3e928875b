using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Model;

/// <summary>A server at runtime: its immutable configuration and its shared mutable state.</summary>
public sealed class ServerModel
{
    public ServerModel(ServerConfig config, int index)
    {
        Config = config;
        Index = index;
        State = new ServerState(config.Weight, config.MaxConn, startsUp: !config.Disabled);
        if (config.Disabled)
        {
            State.SetOperatorAdmin(ServerAdminState.Maint);
        }
    }

    public ServerConfig Config { get; }

    /// <summary>The position of the server in its backend, used as a stable identifier by balancers.</summary>
    public int Index { get; }

    public string Name => Config.Name;

    public bool IsBackup => Config.Backup;

    public ServerState State { get; }

    public override string ToString() => Name;
}
