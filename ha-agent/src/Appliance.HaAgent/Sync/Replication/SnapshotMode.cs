namespace Appliance.HaAgent.Sync.Replication;

/// <summary>How a received snapshot meets the local state.</summary>
public enum SnapshotMode
{
    /// <summary>
    /// The snapshot is the truth (authoritative): its entries are stored and local entries of its tables that it
    /// lacks are removed.
    /// </summary>
    Replace,

    /// <summary>Its entries are stored (added or updated); nothing local is removed.</summary>
    Merge,

    /// <summary>Only entries whose key is absent locally are stored: local entries are newer (a node's pull of its peers' state).</summary>
    FillMissing,
}
