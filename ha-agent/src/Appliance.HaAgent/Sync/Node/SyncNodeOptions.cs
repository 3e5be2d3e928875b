using System.Net;
using Appliance.Contracts.Replication;
using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Sync.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>What the host hands a <see cref="SyncNode"/>: who this node is, its peers, the seams to the proxy and host, tuning.</summary>
public sealed class SyncNodeOptions
{
    /// <summary>This node's name as its peers know it (their <c>sync_peer NAME</c>; its certificate's name under mutual TLS).</summary>
    public required string NodeName { get; init; }

    /// <summary>Where this node's sync service listens (port 0: any free port, see <see cref="SyncNode.EndPoint"/>).</summary>
    public required IPEndPoint ListenEndPoint { get; init; }

    /// <summary>Transport security, the same kind on every node.</summary>
    public required SyncSecurity Security { get; init; }

    /// <summary>The other nodes (<c>sync_peer</c> lines); default none (a single node: nothing to sync).</summary>
    public IReadOnlyList<SyncPeerConfig> Peers { get; init; } = [];

    /// <summary>
    /// True when peer discovery may add peers at run time (<see cref="SyncNode.AddOrUpdatePeer"/>); default false. The
    /// initial pull then never assumes it knows every peer: without configured peers it ends
    /// <see cref="InitialSyncOutcome.NoPeersYet"/> (not established) rather than <see cref="InitialSyncOutcome.NoPeers"/>.
    /// </summary>
    public bool DiscoversPeers { get; init; }

    /// <summary>The proxy's replicated stick tables; default null (no stick-table replication).</summary>
    public IStickTableReplica? StickTables { get; init; }

    /// <summary>The proxy's server states; default null (no server-health replication).</summary>
    public IServerHealthReplica? ServerHealth { get; init; }

    /// <summary>The host's side of configuration sync; default null (proposals fail, peers' Prepare calls are refused).</summary>
    public IConfigParticipant? Config { get; init; }

    /// <summary>
    /// Reads the shared text of the configuration this node runs (the version <see cref="IConfigParticipant.Running"/>
    /// reports), so the master can bring a peer with an older version up to date; null when unknown. Default null
    /// (drift is then reported but not repaired).
    /// </summary>
    public Func<CancellationToken, Task<string?>>? RunningSharedText { get; init; }

    /// <summary>What this node does when a master asks it to take over (planned switchover); default null (refused).</summary>
    public ITakeoverHandler? Takeover { get; init; }

    /// <summary>
    /// A small file where the node keeps the highest master epoch it has seen, so epochs keep increasing across
    /// restarts; default null (kept in memory, and learned again from peers at start).
    /// </summary>
    public string? StateFile { get; init; }

    /// <summary>Loggers; default none.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The clock; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often the master sends a heartbeat on an idle stream; default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A stream that brings no ack for this long is dropped and redialled; default 5 s (five heartbeats).</summary>
    public TimeSpan PeerTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First reconnect delay after a failed stream, doubled per failure; default 200 ms.</summary>
    public TimeSpan ReconnectMinDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest reconnect delay; default 5 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Changes the master keeps for peers that have not acknowledged them; default 100,000. A peer further behind
    /// gets a snapshot instead (memory stays bounded whatever a peer does).
    /// </summary>
    public int MaxBacklog { get; init; } = 100_000;

    /// <summary>
    /// Local changes queued between the proxy's data path and the sequencer; default 65,536. When full, the change
    /// is dropped and every peer is sent a snapshot (the data path never blocks).
    /// </summary>
    public int ChangeQueueCapacity { get; init; } = 65_536;

    /// <summary>Most changes in one delta message; default 512.</summary>
    public int MaxBatch { get; init; } = 512;

    /// <summary>Most entries in one snapshot chunk; default 2,000 (far under the 4 MiB message limit).</summary>
    public int SnapshotChunkEntries { get; init; } = 2_000;

    /// <summary>How long a starting node tries to pull its peers' state before it gives up; default 5 s.</summary>
    public TimeSpan InitialSyncTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of each configuration phase (Prepare, Commit) and of unary calls; default 5 s.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The window over which lag percentiles are computed; default 60 s.</summary>
    public TimeSpan LagWindow { get; init; } = TimeSpan.FromSeconds(60);
}
