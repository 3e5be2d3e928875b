namespace Appliance.HaAgent.Sync.Status;

/// <summary>Where a sync peer came from.</summary>
public enum PeerSource
{
    /// <summary>A <c>sync_peer</c> line: fixed for the node's life, and it wins over a discovered peer of the same name.</summary>
    Configured,

    /// <summary>Found by <c>discovery mdns</c> (docs/ha.md "Peer discovery"): added, moved and removed while the node runs.</summary>
    Discovered,
}
