using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Status;
using Proto = Appliance.HaAgent.Sync.Protos;

namespace Appliance.HaAgent.Sync.Replication;

/// <summary>Converts between the Contracts' replication types and the wire messages of sync.proto.</summary>
public static class ProtoMapping
{
    /// <summary>The longest lifetime the wire carries (uint32 milliseconds, about 49 days; HAProxy's expire is at most 24 days).</summary>
    public static readonly TimeSpan MaxExpiresIn = TimeSpan.FromMilliseconds(uint.MaxValue);

    /// <summary>An entry as the wire carries it (the table travels beside it).</summary>
    public static Proto.StickEntry ToProto(in StickEntry entry) => new()
    {
        Key = ToProto(entry.Key),
        Server = entry.Server,
        ExpiresInMs = (uint)Math.Clamp(Math.Ceiling(entry.ExpiresIn.TotalMilliseconds), 0, uint.MaxValue),
    };

    /// <summary>A wire entry of <paramref name="table"/>; false (with the reason) when its key has no known type.</summary>
    public static bool TryFromProto(string table, Proto.StickEntry entry, out StickEntry result, out string? error)
    {
        if (entry.Key is null)
        {
            result = default;
            error = "stick entry without a key";
            return false;
        }

        if (!TryFromProto(entry.Key, out var key, out error))
        {
            result = default;
            return false;
        }

        result = new StickEntry(table, key, entry.Server, TimeSpan.FromMilliseconds(entry.ExpiresInMs));
        return true;
    }

    /// <summary>A key as the wire carries it.</summary>
    public static Proto.StickKey ToProto(StickKey key) => new()
    {
        Type = key.Type switch
        {
            StickKeyType.Ipv4 => Proto.StickKey.Types.Type.Ipv4,
            StickKeyType.Ipv6 => Proto.StickKey.Types.Type.Ipv6,
            StickKeyType.Number => Proto.StickKey.Types.Type.Integer,
            StickKeyType.Text => Proto.StickKey.Types.Type.String,
            _ => throw new ArgumentOutOfRangeException(nameof(key), key.Type, "unknown stick key type"),
        },
        Value = key.Value,
    };

    /// <summary>A wire key; false (with the reason) for an unspecified or unknown type.</summary>
    public static bool TryFromProto(Proto.StickKey key, out StickKey result, out string? error)
    {
        StickKeyType? type = key.Type switch
        {
            Proto.StickKey.Types.Type.Ipv4 => StickKeyType.Ipv4,
            Proto.StickKey.Types.Type.Ipv6 => StickKeyType.Ipv6,
            Proto.StickKey.Types.Type.Integer => StickKeyType.Number,
            Proto.StickKey.Types.Type.String => StickKeyType.Text,
            _ => null,
        };
        if (type is null)
        {
            result = default;
            error = $"stick key '{key.Value}' has no known type ({key.Type})";
            return false;
        }

        result = new StickKey(type.Value, key.Value);
        error = null;
        return true;
    }

    /// <summary>A server's state as the wire carries it.</summary>
    public static Proto.ServerHealth ToProto(ServerHealthEntry entry) => new()
    {
        Backend = entry.Backend,
        Server = entry.Server,
        State = entry.Status switch
        {
            ServerStatus.Up => Proto.ServerHealth.Types.State.Up,
            ServerStatus.Down => Proto.ServerHealth.Types.State.Down,
            ServerStatus.Maintenance => Proto.ServerHealth.Types.State.Maintenance,
            ServerStatus.Drain => Proto.ServerHealth.Types.State.Drain,
            _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Status, "unknown server status"),
        },
        LastCheck = entry.LastCheck,
    };

    /// <summary>A wire server state; false (with the reason) for an unspecified or unknown state.</summary>
    public static bool TryFromProto(Proto.ServerHealth health, out ServerHealthEntry? result, out string? error)
    {
        ServerStatus? status = health.State switch
        {
            Proto.ServerHealth.Types.State.Up => ServerStatus.Up,
            Proto.ServerHealth.Types.State.Down => ServerStatus.Down,
            Proto.ServerHealth.Types.State.Maintenance => ServerStatus.Maintenance,
            Proto.ServerHealth.Types.State.Drain => ServerStatus.Drain,
            _ => null,
        };
        if (status is null)
        {
            result = null;
            error = $"server {health.Backend}/{health.Server} has no known state ({health.State})";
            return false;
        }

        result = new ServerHealthEntry(health.Backend, health.Server, status.Value, health.LastCheck);
        error = null;
        return true;
    }

    /// <summary>A local change as a wire change.</summary>
    public static Proto.Change ToProto(in LocalChange change) => change.Kind switch
    {
        ChangeKind.Stored => new Proto.Change { Stored = new Proto.StickUpsert { Table = change.Entry.Table, Entry = ToProto(change.Entry) } },
        ChangeKind.Removed => new Proto.Change { Removed = new Proto.StickRemoval { Table = change.Entry.Table, Key = ToProto(change.Entry.Key) } },
        ChangeKind.Health => new Proto.Change { Health = ToProto(change.Health!) },
        _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "unknown change kind"),
    };

    /// <summary>A running configuration as the wire carries it; null stays null.</summary>
    public static Proto.ConfigVersion? ToProto(RunningConfig? config) =>
        config is null ? null : new Proto.ConfigVersion { Version = (ulong)Math.Max(0, config.Version), Sha256 = config.Sha256 };

    /// <summary>A wire configuration version; null stays null.</summary>
    public static RunningConfig? FromProto(Proto.ConfigVersion? config) =>
        config is null ? null : new RunningConfig((long)config.Version, config.Sha256);

    /// <summary>A wire configuration version of <paramref name="node"/>; null stays null.</summary>
    public static NodeConfigVersion? FromProto(string node, Proto.ConfigVersion? config) =>
        config is null ? null : new NodeConfigVersion(node, (long)config.Version, config.Sha256);
}
