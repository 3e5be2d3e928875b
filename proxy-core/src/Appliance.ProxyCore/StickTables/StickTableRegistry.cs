using Appliance.Contracts.Replication;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.StickTables;

/// <summary>
/// The engine's stick tables across reloads, and the sync service's view of the replicated ones (those declared with
/// <c>peers</c> naming an enabled section). A reload keeps a table, its entries and its observer when its name and
/// key type are unchanged; its other settings follow the new configuration. A timer sweeps expired entries every
/// <see cref="SweepInterval"/>.
/// </summary>
public sealed class StickTableRegistry : IStickTableReplica, IDisposable
{
    /// <summary>How often expired entries are freed (lookups ignore expired entries whatever the sweep does).</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, StickTable> _tables = new Dictionary<string, StickTable>();
    private IReadOnlySet<string> _replicated = new HashSet<string>();
    private IStickTableObserver? _observer;
    private ITimer? _sweeper;

    public StickTableRegistry(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Every table of the configuration in force, by name (replicated or not), for queries such as <c>show table</c>.</summary>
    public IReadOnlyDictionary<string, StickTable> All => Volatile.Read(ref _tables);

    public IReadOnlyList<StickTableInfo> Tables =>
        [.. Replicated().Select(t => new StickTableInfo(t.Name, t.KeyType, t.Config.Size, t.Config.Expire ?? Timeout.InfiniteTimeSpan, t.Count))];

    /// <summary>
    /// The tables of <paramref name="config"/>: those of the running configuration with the same name and key type,
    /// new ones for the rest. Changes nothing in force until <see cref="Commit"/>.
    /// </summary>
    public IReadOnlyDictionary<string, StickTable> Prepare(ApplianceConfig config)
    {
        var current = All;
        var enabledPeers = EnabledPeers(config);
        var tables = new Dictionary<string, StickTable>(StringComparer.Ordinal);
        foreach (var table in config.Proxies.Select(p => p.StickTable).OfType<StickTableConfig>())
        {
            if (current.TryGetValue(table.Name, out var kept) && kept.KeyType == table.KeyType)
            {
                tables[table.Name] = kept;
                continue;
            }

            // A new table gets its observer now, so a store between the runtime swap and Commit is reported too.
            tables[table.Name] = new StickTable(table, _time)
            {
                Observer = table.Peers is { } peers && enabledPeers.Contains(peers) ? Volatile.Read(ref _observer) : null,
            };
        }

        return tables;
    }

    /// <summary>Puts prepared tables in force (after the runtime swap): new settings, observers, the sweep timer.</summary>
    public void Commit(ApplianceConfig config, IReadOnlyDictionary<string, StickTable> tables)
    {
        var enabledPeers = EnabledPeers(config);
        var replicated = new HashSet<string>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var table in config.Proxies.Select(p => p.StickTable).OfType<StickTableConfig>())
            {
                if (!tables.TryGetValue(table.Name, out var live))
                {
                    continue;
                }

                live.Reconfigure(table);
                var isReplicated = table.Peers is { } peers && enabledPeers.Contains(peers);
                live.Observer = isReplicated ? _observer : null;
                if (isReplicated)
                {
                    replicated.Add(table.Name);
                }
            }

            Volatile.Write(ref _tables, tables);
            Volatile.Write(ref _replicated, replicated);
            _sweeper ??= _time.CreateTimer(_ => SweepAll(), null, SweepInterval, SweepInterval);
        }
    }

    public IReadOnlyList<StickEntry> Snapshot(string table) => FindReplicated(table)?.Snapshot() ?? [];

    public bool Apply(in StickEntry entry) =>
        FindReplicated(entry.Table) is { } table && table.Apply(entry.Key, entry.Server, entry.ExpiresIn);

    public bool Remove(string table, StickKey key)
    {
        if (FindReplicated(table) is not { } found)
        {
            return false;
        }

        found.Remove(key, local: false);
        return true;
    }

    public void SetObserver(IStickTableObserver? observer)
    {
        lock (_gate)
        {
            Volatile.Write(ref _observer, observer);
            foreach (var table in Replicated())
            {
                table.Observer = observer;
            }
        }
    }

    /// <summary>Frees expired entries of every table; returns how many.</summary>
    public int SweepAll() => All.Values.Sum(t => t.Sweep());

    public void Dispose()
    {
        lock (_gate)
        {
            _sweeper?.Dispose();
            _sweeper = null;
        }
    }

    private static HashSet<string> EnabledPeers(ApplianceConfig config) =>
        config.Peers.Where(p => !p.Disabled).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    private IEnumerable<StickTable> Replicated()
    {
        var replicated = Volatile.Read(ref _replicated);
        return All.Values.Where(t => replicated.Contains(t.Name));
    }

    private StickTable? FindReplicated(string name) =>
        Volatile.Read(ref _replicated).Contains(name) && All.TryGetValue(name, out var table) ? table : null;
}
