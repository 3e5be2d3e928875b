namespace Appliance.HaAgent.Sync.Node;

/// <summary>How a starting node's initial pull of its peers' state ended.</summary>
public enum InitialSyncOutcome
{
    /// <summary>Still pulling.</summary>
    Pending,

    /// <summary>No peers are configured: nothing to pull.</summary>
    NoPeers,

    /// <summary>At least one peer's state was pulled and merged.</summary>
    Loaded,

    /// <summary>No peer answered within <see cref="SyncNodeOptions.InitialSyncTimeout"/>; the node's state is not established yet.</summary>
    TimedOut,

    /// <summary>A master's replication stream delivered a snapshot before the pull finished.</summary>
    FromMaster,

    /// <summary>
    /// No peer was known at the start, but discovery may add some (<see cref="SyncNodeOptions.DiscoversPeers"/>): the
    /// node is not established, so as master it pulls each discovered peer before sending it a snapshot.
    /// </summary>
    NoPeersYet,
}
