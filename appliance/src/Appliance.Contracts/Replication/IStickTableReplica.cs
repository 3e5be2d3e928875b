namespace Appliance.Contracts.Replication;

/// <summary>
/// The proxy's replicated stick tables (those declared with <c>peers</c>), as the sync service sees them. Tables
/// survive reloads that keep their name and key type, so a subscription and the entries outlive a reload.
/// Entries applied from a peer are not reported back to observers (no echo).
/// </summary>
public interface IStickTableReplica
{
    /// <summary>The replicated tables of the running configuration.</summary>
    IReadOnlyList<StickTableInfo> Tables { get; }

    /// <summary>Every live entry of <paramref name="table"/>, for a snapshot; empty for an unknown table.</summary>
    IReadOnlyList<StickEntry> Snapshot(string table);

    /// <summary>
    /// Stores an entry learned from a peer. Returns false (and changes nothing) when the table is unknown or its
    /// key type differs; an entry naming a server the backend does not have is stored anyway and simply never
    /// matches (the peer may run a newer configuration).
    /// </summary>
    bool Apply(in StickEntry entry);

    /// <summary>Removes an entry as a peer asks; false when the table is unknown.</summary>
    bool Remove(string table, StickKey key);

    /// <summary>Registers the one observer of local changes (the sync service); null to stop.</summary>
    void SetObserver(IStickTableObserver? observer);
}
