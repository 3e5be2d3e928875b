using Appliance.Contracts;
using Appliance.Contracts.Replication;
using Appliance.HaAgent.Sync.Node;

namespace Appliance.HaAgent.Sync.Status;

/// <summary>One node's sync state at one moment, for <c>appliance sync status</c> and the metrics endpoint.</summary>
/// <param name="Node">This node's name.</param>
/// <param name="Role">Its role, as the host last set it.</param>
/// <param name="Epoch">The master epoch: this node's own while master, else the highest it has accepted a stream of.</param>
/// <param name="HeadSequence">The last sequence number this node gave a local change.</param>
/// <param name="PendingChanges">Local changes queued but not yet sequenced.</param>
/// <param name="QueueOverflows">Local changes dropped because the queue was full (each forces snapshots to every peer).</param>
/// <param name="InitialSync">How the initial pull ended.</param>
/// <param name="Established">True when this node's state is known to be the cluster's (see docs/sync.md): its snapshots are authoritative.</param>
/// <param name="Config">The configuration this node runs; null without a configuration participant.</param>
/// <param name="Tables">Replicated stick tables and their live entries.</param>
/// <param name="Peers">Every peer now (configured and discovered), as this node sees it.</param>
/// <param name="Upstream">The master stream this node applies, while backup; null when none.</param>
/// <param name="Drift">Nodes known to run another configuration version than this node (empty: none known).</param>
public sealed record SyncStatus(
    string Node,
    HaRole Role,
    long Epoch,
    long HeadSequence,
    long PendingChanges,
    long QueueOverflows,
    InitialSyncOutcome InitialSync,
    bool Established,
    RunningConfig? Config,
    IReadOnlyList<TableSize> Tables,
    IReadOnlyList<PeerSyncStatus> Peers,
    UpstreamStatus? Upstream,
    IReadOnlyList<NodeConfigVersion> Drift);
