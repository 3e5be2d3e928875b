using Appliance.Contracts.Replication;

namespace Appliance.HaAgent.Sync.Replication;

/// <summary>One local change as the proxy reported it, with the time it was reported (for lag).</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Entry">The stored entry (<see cref="ChangeKind.Stored"/>); for a removal its table and key, with no server.</param>
/// <param name="Health">The server's new state (<see cref="ChangeKind.Health"/>); null otherwise.</param>
/// <param name="Timestamp">When it was reported, in <see cref="TimeProvider.GetTimestamp"/> units.</param>
public readonly record struct LocalChange(ChangeKind Kind, StickEntry Entry, ServerHealthEntry? Health, long Timestamp)
{
    /// <summary>A stored entry.</summary>
    public static LocalChange Stored(in StickEntry entry, long timestamp) => new(ChangeKind.Stored, entry, null, timestamp);

    /// <summary>A removed entry.</summary>
    public static LocalChange Removed(string table, StickKey key, long timestamp) =>
        new(ChangeKind.Removed, new StickEntry(table, key, string.Empty, TimeSpan.Zero), null, timestamp);

    /// <summary>A server's new state.</summary>
    public static LocalChange HealthChanged(ServerHealthEntry health, long timestamp) => new(ChangeKind.Health, default, health, timestamp);
}
