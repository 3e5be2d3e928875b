using Appliance.Contracts.Replication;

namespace Appliance.HaAgent.Tests.Sync.Replication;

/// <summary>
/// A small in-memory <see cref="IServerHealthReplica"/> for tests: a fixed set of servers. As the contract says, a
/// peer's admin state (maintenance, drain) is taken as given, a peer's up/down only while this node has not concluded
/// itself (here: no local <see cref="Set"/> of that server yet).
/// </summary>
internal sealed class InMemoryServerHealth : IServerHealthReplica
{
    private readonly object _gate = new();
    private readonly Dictionary<(string, string), ServerHealthEntry> _servers = [];
    private readonly HashSet<(string, string)> _concluded = [];

    public InMemoryServerHealth(params (string Backend, string Server)[] servers)
    {
        foreach (var (backend, server) in servers)
        {
            _servers[(backend, server)] = new ServerHealthEntry(backend, server, ServerStatus.Up, string.Empty);
        }
    }

    public event Action<ServerHealthEntry>? Changed;

    public ServerStatus StatusOf(string backend, string server)
    {
        lock (_gate)
        {
            return _servers[(backend, server)].Status;
        }
    }

    /// <summary>A local change (a check flipped, an operator's command): kept and raised.</summary>
    public void Set(string backend, string server, ServerStatus status, string lastCheck)
    {
        var entry = new ServerHealthEntry(backend, server, status, lastCheck);
        lock (_gate)
        {
            _servers[(backend, server)] = entry;
            _concluded.Add((backend, server));
        }

        Changed?.Invoke(entry);
    }

    public IReadOnlyList<ServerHealthEntry> Snapshot()
    {
        lock (_gate)
        {
            return [.. _servers.Values];
        }
    }

    public bool Apply(ServerHealthEntry entry)
    {
        lock (_gate)
        {
            if (!_servers.ContainsKey((entry.Backend, entry.Server)))
            {
                return false;
            }

            var admin = entry.Status is ServerStatus.Maintenance or ServerStatus.Drain;
            if (admin || !_concluded.Contains((entry.Backend, entry.Server)))
            {
                _servers[(entry.Backend, entry.Server)] = entry;
            }

            return true;
        }
    }
}
