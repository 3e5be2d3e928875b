using Appliance.Contracts.Replication;
using Proto = Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Sync.Replication;

/// <summary>Applies a complete snapshot (all its chunks) to the local replicas in one of the <see cref="SnapshotMode"/>s.</summary>
public static class SnapshotApplier
{
    /// <summary>Problems listed at most (a peer with another configuration could report thousands).</summary>
    public const int MaxProblems = 20;

    /// <summary>Applies <paramref name="chunks"/>.</summary>
    public static SnapshotApplyResult Apply(
        IReadOnlyList<Proto.SnapshotChunk> chunks, SnapshotMode mode, IStickTableReplica? tables, IServerHealthReplica? health)
    {
        var problems = new ProblemList();
        long entries = 0, stored = 0, removed = 0, servers = 0;
        if (tables is not null)
        {
            foreach (var (table, wireEntries) in GroupByTable(chunks))
            {
                entries += wireEntries.Count;
                var (s, r) = ApplyTable(table, wireEntries, mode, tables, problems);
                stored += s;
                removed += r;
            }
        }

        if (health is not null)
        {
            foreach (var wire in chunks.SelectMany(c => c.Health))
            {
                if (!ProtoMapping.TryFromProto(wire, out var entry, out var error))
                {
                    problems.Add(error!);
                }
                else if (health.Apply(entry!))
                {
                    servers++;
                }
                else
                {
                    problems.Add($"server {entry!.Backend}/{entry.Server} is unknown here");
                }
            }
        }

        return new SnapshotApplyResult(entries, stored, removed, servers, problems.Items);
    }

    /// <summary>Live entries of every replicated table of <paramref name="tables"/>.</summary>
    public static long CountEntries(IStickTableReplica? tables) => tables?.Tables.Sum(t => (long)t.Count) ?? 0;

    private static (long Stored, long Removed) ApplyTable(
        string table, List<Proto.StickEntry> wireEntries, SnapshotMode mode, IStickTableReplica tables, ProblemList problems)
    {
        if (!tables.Tables.Any(t => t.Name == table))
        {
            problems.Add($"table '{table}' is not a replicated table here ({wireEntries.Count} entries skipped)");
            return (0, 0);
        }

        HashSet<StickKey>? local = mode == SnapshotMode.Replace || mode == SnapshotMode.FillMissing
            ? [.. tables.Snapshot(table).Select(e => e.Key)]
            : null;
        var seen = mode == SnapshotMode.Replace ? new HashSet<StickKey>() : null;
        long stored = 0, removed = 0;
        foreach (var wire in wireEntries)
        {
            if (!ProtoMapping.TryFromProto(table, wire, out var entry, out var error))
            {
                problems.Add($"table '{table}': {error}");
                continue;
            }

            seen?.Add(entry.Key);
            if (mode == SnapshotMode.FillMissing && local!.Contains(entry.Key))
            {
                continue;
            }

            if (tables.Apply(entry))
            {
                stored++;
            }
            else
            {
                problems.Add($"table '{table}' refused key '{entry.Key.Value}' ({entry.Key.Type}): its key type differs here");
            }
        }

        if (mode == SnapshotMode.Replace)
        {
            foreach (var key in local!.Where(k => !seen!.Contains(k)))
            {
                if (tables.Remove(table, key))
                {
                    removed++;
                }
            }
        }

        return (stored, removed);
    }

    private static List<(string Table, List<Proto.StickEntry> Entries)> GroupByTable(IReadOnlyList<Proto.SnapshotChunk> chunks)
    {
        var byTable = new List<(string Table, List<Proto.StickEntry> Entries)>();
        foreach (var part in chunks.SelectMany(c => c.Tables))
        {
            var index = byTable.FindIndex(t => t.Table == part.Table);
            if (index < 0)
            {
                byTable.Add((part.Table, [.. part.Entries]));
            }
            else
            {
                byTable[index].Entries.AddRange(part.Entries);
            }
        }

        return byTable;
    }

    private sealed class ProblemList
    {
        private int _more;

        public List<string> Items { get; } = [];

        public void Add(string problem)
        {
            if (Items.Count < MaxProblems)
            {
                Items.Add(problem);
            }
            else if (++_more == 1)
            {
                Items.Add("... more problems not listed");
            }
        }
    }
}
