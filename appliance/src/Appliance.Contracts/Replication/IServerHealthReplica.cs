namespace Appliance.Contracts.Replication;

/// <summary>
/// The proxy's view of its servers, shared between nodes: operator states (drain, maintenance) replicate as they
/// are, and check results seed a node whose own checks have not concluded yet, so a new master starts with the
/// right view instead of re-learning it.
/// </summary>
public interface IServerHealthReplica
{
    /// <summary>Every server of the running configuration.</summary>
    IReadOnlyList<ServerHealthEntry> Snapshot();

    /// <summary>
    /// Applies a peer's view of one server: admin states are set as given; an up/down result is taken only while
    /// this node's own checks of the server have not concluded. False when the server is unknown here.
    /// </summary>
    bool Apply(ServerHealthEntry entry);

    /// <summary>Raised after a local change of a server's state (a check result flipped, or an operator's command).</summary>
    event Action<ServerHealthEntry>? Changed;
}
