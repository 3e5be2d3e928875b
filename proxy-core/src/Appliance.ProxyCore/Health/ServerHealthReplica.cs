using Appliance.Contracts.Replication;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Health;

/// <summary>
/// <see cref="IServerHealthReplica"/> over the servers of the running configuration. A peer's admin state (maintenance,
/// drain, or none for up/down) is set as the operator's; its up/down result is taken only while this node has no check
/// or agent report of its own for the server (its checks have not concluded), so a new master starts with the right
/// view and then trusts its own checks. <see cref="Changed"/> is raised when a server's shared status flips here,
/// not for changes applied from a peer.
/// </summary>
public sealed class ServerHealthReplica : IServerHealthReplica
{
    [ThreadStatic]
    private static bool t_applying;

    private readonly Func<IReadOnlyDictionary<string, BackendModel>> _backends;

    /// <param name="backends">The backends of the configuration in force.</param>
    public ServerHealthReplica(Func<IReadOnlyDictionary<string, BackendModel>> backends)
    {
        _backends = backends;
    }

    public event Action<ServerHealthEntry>? Changed;

    public IReadOnlyList<ServerHealthEntry> Snapshot() =>
        [.. _backends().Values.SelectMany(b => b.Servers.Select(s => EntryOf(b.Name, s)))];

    public bool Apply(ServerHealthEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_backends().TryGetValue(entry.Backend, out var backend) || backend.FindServer(entry.Server) is not { } server)
        {
            return false;
        }

        t_applying = true;
        try
        {
            var state = server.State;
            state.SetOperatorAdmin(entry.Status switch
            {
                ServerStatus.Maintenance => ServerAdminState.Maint,
                ServerStatus.Drain => ServerAdminState.Drain,
                _ => ServerAdminState.Ready,
            });
            var checks = server.Checks;
            var ownVerdict = (!checks.HasCheck && !checks.HasAgent) || checks.LastCheck is not null || checks.LastAgent is not null;
            if (!ownVerdict && entry.Status is ServerStatus.Up or ServerStatus.Down)
            {
                state.SetHealth(entry.Status == ServerStatus.Up ? ServerHealth.Up : ServerHealth.Down, 0);
            }

            Remember(server, StatusOf(server));
        }
        finally
        {
            t_applying = false;
        }

        return true;
    }

    /// <summary>Hooks the servers of a (re)loaded configuration; called by the engine after each swap.</summary>
    public void Attach(IReadOnlyDictionary<string, BackendModel> backends)
    {
        foreach (var backend in backends.Values)
        {
            foreach (var server in backend.Servers)
            {
                var name = backend.Name;
                var model = server;
                Remember(model, StatusOf(model));
                model.State.ReplicaChanged = () => OnLocalChange(name, model);
            }
        }
    }

    /// <summary>The shared status: admin first (maintenance, drain), then the health.</summary>
    public static ServerStatus StatusOf(ServerModel server) => server.State.Admin switch
    {
        ServerAdminState.Maint => ServerStatus.Maintenance,
        ServerAdminState.Drain => ServerStatus.Drain,
        _ => server.State.Health == ServerHealth.Up ? ServerStatus.Up : ServerStatus.Down,
    };

    private void OnLocalChange(string backend, ServerModel server)
    {
        var status = StatusOf(server);
        if (t_applying || !Remember(server, status))
        {
            return;
        }

        Changed?.Invoke(new ServerHealthEntry(backend, server.Name, status, server.Checks.LastCheck?.Status ?? ""));
    }

    /// <summary>Records the status last seen; true when it differs from the previous one.</summary>
    private static bool Remember(ServerModel server, ServerStatus status) =>
        Interlocked.Exchange(ref server.State.SharedStatus, (int)status) != (int)status;

    private static ServerHealthEntry EntryOf(string backend, ServerModel server) =>
        new(backend, server.Name, StatusOf(server), server.Checks.LastCheck?.Status ?? "");
}
