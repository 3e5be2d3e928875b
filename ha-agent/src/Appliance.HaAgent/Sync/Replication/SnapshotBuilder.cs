using Appliance.Contracts.Replication;
using Proto = Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Sync.Replication;

/// <summary>Cuts the replicated state into snapshot chunks of at most a given number of entries.</summary>
public static class SnapshotBuilder
{
    /// <summary>
    /// The chunks of a snapshot consistent with <paramref name="sequence"/>: every replicated table (an empty one
    /// still named, so the receiver knows it is empty rather than missing), the server states in the first chunk,
    /// <c>last</c> on the final chunk. Always at least one chunk.
    /// </summary>
    public static List<Proto.SnapshotChunk> Build(
        IStickTableReplica? tables, IServerHealthReplica? health, long sequence, string node, long epoch, bool authoritative, int chunkEntries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkEntries, 1);
        var chunks = new List<Proto.SnapshotChunk>();
        var current = NewChunk(sequence, node, epoch, authoritative);
        if (health is not null)
        {
            foreach (var server in health.Snapshot())
            {
                current.Health.Add(ProtoMapping.ToProto(server));
            }
        }

        var inChunk = 0;
        foreach (var table in tables?.Tables ?? [])
        {
            var part = new Proto.StickTableEntries { Table = table.Name };
            current.Tables.Add(part);
            foreach (var entry in tables!.Snapshot(table.Name))
            {
                if (inChunk == chunkEntries)
                {
                    chunks.Add(current);
                    current = NewChunk(sequence, node, epoch, authoritative);
                    part = new Proto.StickTableEntries { Table = table.Name };
                    current.Tables.Add(part);
                    inChunk = 0;
                }

                part.Entries.Add(ProtoMapping.ToProto(entry));
                inChunk++;
            }
        }

        current.Last = true;
        chunks.Add(current);
        return chunks;
    }

    private static Proto.SnapshotChunk NewChunk(long sequence, string node, long epoch, bool authoritative) => new()
    {
        Sequence = (ulong)sequence,
        Node = node,
        Epoch = (ulong)epoch,
        Authoritative = authoritative,
    };
}
