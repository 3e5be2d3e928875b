using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Replication;
using Proto = Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Tests.Sync.Replication;

/// <summary>Builds replication messages for the backup-side tests.</summary>
internal static class Wire
{
    public static Proto.Hello Hello(string node, long epoch, long head = 0) =>
        new() { Node = node, Epoch = (ulong)epoch, HeadSequence = (ulong)head };

    public static StickEntry Entry(string key, string server, string table = "web") =>
        new(table, new StickKey(StickKeyType.Ipv4, key), server, TimeSpan.FromMinutes(10));

    public static Proto.ReplicationMessage Snapshot(long sequence, bool authoritative, params StickEntry[] entries)
    {
        var chunk = new Proto.SnapshotChunk { Sequence = (ulong)sequence, Authoritative = authoritative, Last = true, Node = "lb1" };
        foreach (var group in entries.GroupBy(e => e.Table))
        {
            var part = new Proto.StickTableEntries { Table = group.Key };
            part.Entries.AddRange(group.Select(e => ProtoMapping.ToProto(e)));
            chunk.Tables.Add(part);
        }

        if (entries.Length == 0)
        {
            chunk.Tables.Add(new Proto.StickTableEntries { Table = "web" });
        }

        return new Proto.ReplicationMessage { Snapshot = chunk };
    }

    public static Proto.ReplicationMessage Deltas(long first, params LocalChange[] changes)
    {
        var batch = new Proto.DeltaBatch { FirstSequence = (ulong)first };
        batch.Changes.AddRange(changes.Select(c => ProtoMapping.ToProto(c)));
        return new Proto.ReplicationMessage { Deltas = batch };
    }

    public static LocalChange Stored(string key, string server) => LocalChange.Stored(Entry(key, server), 0);

    public static Proto.ReplicationMessage Heartbeat(long head) =>
        new() { Heartbeat = new Proto.Heartbeat { HeadSequence = (ulong)head } };
}
