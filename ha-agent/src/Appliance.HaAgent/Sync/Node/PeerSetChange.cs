namespace Appliance.HaAgent.Sync.Node;

/// <summary>What adding, updating or removing a discovered peer did to a node's peer set.</summary>
public enum PeerSetChange
{
    /// <summary>A new peer: it has a link now (and a stream while this node is master).</summary>
    Added,

    /// <summary>A known discovered peer moved: its old link was closed and a new one opened at the new endpoint.</summary>
    Updated,

    /// <summary>The peer is already known at that endpoint: nothing changed.</summary>
    Unchanged,

    /// <summary>A <c>sync_peer</c> line has that name: the configured peer wins and the set is unchanged.</summary>
    Configured,

    /// <summary>The name is this node's own: never a peer of itself.</summary>
    Self,

    /// <summary>The discovered peer was removed: its stream and connection are closed.</summary>
    Removed,

    /// <summary>No discovered peer has that name (a configured one is never removed).</summary>
    NotFound,
}
