using Appliance.Contracts.Replication;

namespace Appliance.HaAgent.Tests.Sync.Replication;

/// <summary>
/// A small in-memory <see cref="IStickTableReplica"/> for tests: tables by name with their key type; local stores go
/// to the observer (as the proxy's data path would), applied entries do not (no echo). No expiry.
/// </summary>
internal sealed class InMemoryStickTables : IStickTableReplica
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (StickKeyType Type, Dictionary<StickKey, StickEntry> Entries)> _tables = new(StringComparer.Ordinal);
    private IStickTableObserver? _observer;

    public InMemoryStickTables(params (string Name, StickKeyType Type)[] tables)
    {
        foreach (var (name, type) in tables)
        {
            _tables[name] = (type, []);
        }
    }

    public IReadOnlyList<StickTableInfo> Tables
    {
        get
        {
            lock (_gate)
            {
                return [.. _tables.Select(t => new StickTableInfo(t.Key, t.Value.Type, 100_000, TimeSpan.FromMinutes(30), t.Value.Entries.Count))];
            }
        }
    }

    public int Count(string table)
    {
        lock (_gate)
        {
            return _tables[table].Entries.Count;
        }
    }

    public string? ServerOf(string table, string key)
    {
        lock (_gate)
        {
            var t = _tables[table];
            return t.Entries.TryGetValue(new StickKey(t.Type, key), out var entry) ? entry.Server : null;
        }
    }

    /// <summary>A local store (a request through this node's proxy): kept, and reported to the observer.</summary>
    public void Store(string table, string key, string server, TimeSpan? expiresIn = null)
    {
        StickEntry entry;
        lock (_gate)
        {
            var t = _tables[table];
            entry = new StickEntry(table, new StickKey(t.Type, key), server, expiresIn ?? TimeSpan.FromMinutes(30));
            t.Entries[entry.Key] = entry;
        }

        _observer?.OnStored(entry);
    }

    /// <summary>A local removal (<c>clear table</c>): reported to the observer.</summary>
    public void Clear(string table, string key)
    {
        StickKey removed;
        lock (_gate)
        {
            var t = _tables[table];
            removed = new StickKey(t.Type, key);
            t.Entries.Remove(removed);
        }

        _observer?.OnRemoved(table, removed);
    }

    /// <summary>Expiry: entries vanish without any report (as in the proxy).</summary>
    public void ExpireAll(string table)
    {
        lock (_gate)
        {
            _tables[table].Entries.Clear();
        }
    }

    public IReadOnlyList<StickEntry> Snapshot(string table)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(table, out var t) ? [.. t.Entries.Values] : [];
        }
    }

    public bool Apply(in StickEntry entry)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(entry.Table, out var t) || t.Type != entry.Key.Type)
            {
                return false;
            }

            t.Entries[entry.Key] = entry;
            return true;
        }
    }

    public bool Remove(string table, StickKey key)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(table, out var t))
            {
                return false;
            }

            t.Entries.Remove(key);
            return true;
        }
    }

    public void SetObserver(IStickTableObserver? observer) => _observer = observer;
}
