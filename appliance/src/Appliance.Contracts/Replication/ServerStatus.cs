namespace Appliance.Contracts.Replication;

/// <summary>A server's state as nodes share it.</summary>
public enum ServerStatus
{
    /// <summary>Checks pass (or no checks) and no admin state.</summary>
    Up,

    /// <summary>Checks failed.</summary>
    Down,

    /// <summary>Set to maintenance by an operator: takes no traffic.</summary>
    Maintenance,

    /// <summary>Set to drain by an operator: keeps persistent clients, takes no new ones.</summary>
    Drain,
}
