namespace Appliance.HaAgent.Sync.Replication;

/// <summary>What a local change is.</summary>
public enum ChangeKind
{
    /// <summary>A stick-table entry was stored (created, re-pointed or refreshed).</summary>
    Stored,

    /// <summary>A stick-table entry was removed before it expired.</summary>
    Removed,

    /// <summary>A server's state changed.</summary>
    Health,
}
