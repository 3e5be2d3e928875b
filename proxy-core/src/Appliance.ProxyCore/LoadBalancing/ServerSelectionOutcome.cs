namespace Appliance.ProxyCore.LoadBalancing;

/// <summary>What <see cref="ServerSelector.Select"/> decided.</summary>
public enum ServerSelectionOutcome
{
    /// <summary>No usable server at all (all down, in maintenance or drained, backups included): answer 503.</summary>
    NoServer = 0,

    /// <summary>A server was chosen; the caller still has to reserve its slot with <c>TryAcquireSlot</c>.</summary>
    Picked = 1,

    /// <summary>Usable servers exist but every one is at its <c>maxconn</c>: the caller queues and selects again later.</summary>
    AllFull = 2,
}
