using Appliance.Contracts.Replication;

namespace Appliance.Host.Tests.Sync;

/// <summary>An in-memory <see cref="IStickTableReplica"/> with fixed tables: what the host's persistence sees of the proxy.</summary>
internal sealed class FakeStickReplica(params string[] tables) : IStickTableReplica
{
    private readonly Dictionary<(string Table, StickKey Key), StickEntry> _entries = [];

    public IReadOnlyList<StickTableInfo> Tables =>
        [.. tables.Select(t => new StickTableInfo(t, StickKeyType.Ipv4, 1000, TimeSpan.FromMinutes(30), _entries.Keys.Count(k => k.Table == t)))];

    public IReadOnlyList<StickEntry> Snapshot(string table) => [.. _entries.Values.Where(e => e.Table == table)];

    public bool Apply(in StickEntry entry)
    {
        if (!tables.Contains(entry.Table))
        {
            return false;
        }

        _entries[(entry.Table, entry.Key)] = entry;
        return true;
    }

    public bool Remove(string table, StickKey key) => _entries.Remove((table, key));

    public void SetObserver(IStickTableObserver? observer)
    {
    }
}
