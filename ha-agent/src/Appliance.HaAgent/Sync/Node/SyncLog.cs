using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Sync.Node;

/// <summary>The sync node's log lines (event ids 5401-5449).</summary>
internal static partial class SyncLog
{
    [LoggerMessage(5401, LogLevel.Information, "Sync node {Node} listening on {EndPoint} with {Peers} peers")]
    public static partial void Started(ILogger logger, string node, string endPoint, int peers);

    [LoggerMessage(5402, LogLevel.Information, "Initial sync ended: {Outcome} ({Detail})")]
    public static partial void InitialSync(ILogger logger, InitialSyncOutcome outcome, string detail);

    [LoggerMessage(5403, LogLevel.Information, "Pulled the state of {Peer}: {Entries} entries, {Stored} stored, {Servers} server states")]
    public static partial void Pulled(ILogger logger, string peer, long entries, long stored, long servers);

    [LoggerMessage(5404, LogLevel.Information, "Became master with epoch {Epoch}")]
    public static partial void BecameMaster(ILogger logger, long epoch);

    [LoggerMessage(5405, LogLevel.Information, "Replication stream to {Peer} open (epoch {Epoch}, {Mode})")]
    public static partial void StreamOpen(ILogger logger, string peer, long epoch, string mode);

    [LoggerMessage(5406, LogLevel.Warning, "Replication stream to {Peer} ended: {Reason}; redialling in {DelayMs} ms")]
    public static partial void StreamEnded(ILogger logger, string peer, string reason, long delayMs);

    [LoggerMessage(5407, LogLevel.Warning, "{Peer} refused the replication stream: {Reason}")]
    public static partial void StreamRefused(ILogger logger, string peer, string reason);

    [LoggerMessage(5408, LogLevel.Information, "Sent a snapshot to {Peer}: sequence {Sequence}, {Chunks} chunks, authoritative {Authoritative}")]
    public static partial void SnapshotSent(ILogger logger, string peer, long sequence, int chunks, bool authoritative);

    [LoggerMessage(5409, LogLevel.Warning, "{Peer} reports a problem: {Problem}")]
    public static partial void PeerProblem(ILogger logger, string peer, string problem);

    [LoggerMessage(5410, LogLevel.Information, "Accepted the replication stream of {Master} (epoch {Epoch})")]
    public static partial void UpstreamAccepted(ILogger logger, string master, long epoch);

    [LoggerMessage(5411, LogLevel.Warning, "Refused the replication stream of {Master} (epoch {Epoch}): {Reason}")]
    public static partial void UpstreamRefused(ILogger logger, string master, long epoch, string reason);

    [LoggerMessage(5412, LogLevel.Information, "Applied a snapshot of {Master}: {Entries} entries, {Stored} stored, {Removed} removed, authoritative {Authoritative}")]
    public static partial void SnapshotApplied(ILogger logger, string master, long entries, long stored, long removed, bool authoritative);

    [LoggerMessage(5413, LogLevel.Warning, "The change queue overflowed ({Overflows} changes dropped so far): every peer gets a snapshot")]
    public static partial void QueueOverflow(ILogger logger, long overflows);

    [LoggerMessage(5414, LogLevel.Information, "Configuration version {Version} committed on every node")]
    public static partial void ConfigCommitted(ILogger logger, long version);

    [LoggerMessage(5415, LogLevel.Warning, "Configuration change failed: {Error}")]
    public static partial void ConfigFailed(ILogger logger, string error);

    [LoggerMessage(5416, LogLevel.Information, "Bringing {Peer} from configuration version {From} to {To}")]
    public static partial void ConfigRepair(ILogger logger, string peer, long from, long to);

    [LoggerMessage(5417, LogLevel.Warning, "{Peer} runs configuration version {Version}, this node {Local}, and cannot be brought up to date: {Reason}")]
    public static partial void ConfigDrift(ILogger logger, string peer, long version, long local, string reason);

    [LoggerMessage(5418, LogLevel.Information, "{From} asks this node to take over: {Accepted} ({Detail})")]
    public static partial void TakeoverAsked(ILogger logger, string from, bool accepted, string detail);

    [LoggerMessage(5419, LogLevel.Warning, "Pulling the state of {Peer} failed: {Reason}")]
    public static partial void PullFailed(ILogger logger, string peer, string reason);

    [LoggerMessage(5420, LogLevel.Information, "Sync peer {Peer} at {EndPoint} added (discovered)")]
    public static partial void PeerAdded(ILogger logger, string peer, string endPoint);

    [LoggerMessage(5421, LogLevel.Information, "Sync peer {Peer} moved from {From} to {To} (discovered): its stream is redialled there")]
    public static partial void PeerMoved(ILogger logger, string peer, string from, string to);

    [LoggerMessage(5422, LogLevel.Information, "Sync peer {Peer} removed (was at {EndPoint}, discovered)")]
    public static partial void PeerRemoved(ILogger logger, string peer, string endPoint);

    [LoggerMessage(5423, LogLevel.Information, "Discovered {Peer} at {Discovered}, but a sync_peer line names it at {Configured}: the sync_peer line wins")]
    public static partial void PeerConfiguredWins(ILogger logger, string peer, string discovered, string configured);
}
