using Microsoft.Extensions.Logging;

namespace Appliance.Host.Sync;

/// <summary>The host's sync events (ids 4200-4299): configuration sync, the sync service's life, stick-table persistence.</summary>
internal static partial class SyncLog
{
    [LoggerMessage(4201, LogLevel.Information, "Config v{Version} from {Origin} validated and staged")]
    public static partial void Prepared(ILogger logger, long version, string origin);

    [LoggerMessage(4202, LogLevel.Warning, "Config v{Version} from {Origin} refused: {Errors} error(s), first: {First}")]
    public static partial void Refused(ILogger logger, long version, string origin, int errors, string first);

    [LoggerMessage(4203, LogLevel.Information, "Config v{Version} from {Origin} committed")]
    public static partial void Committed(ILogger logger, long version, string origin);

    [LoggerMessage(4204, LogLevel.Information, "Config v{Version} aborted")]
    public static partial void Aborted(ILogger logger, long version);

    [LoggerMessage(4210, LogLevel.Information, "Stick tables restored from the store: {Applied} entries ({Skipped} of tables this configuration does not replicate)")]
    public static partial void TablesRestored(ILogger logger, int applied, int skipped);

    [LoggerMessage(4211, LogLevel.Debug, "Stick tables saved to the store: {Entries} entries")]
    public static partial void TablesSaved(ILogger logger, int entries);

    [LoggerMessage(4220, LogLevel.Information, "Sync service of node {Node} listening on {EndPoint} with {Peers} peer(s), {Security}")]
    public static partial void Started(ILogger logger, string node, string endPoint, int peers, string security);

    [LoggerMessage(4221, LogLevel.Critical, "Sync service failed while {Activity}: its state may no longer reach the peers")]
    public static partial void Failed(ILogger logger, string activity, Exception exception);

    [LoggerMessage(4223, LogLevel.Critical, "Sync service stopped while the node runs: {Reason}; this node gives up the VIP (held as backup until 'appliance failover --release' or a restart)")]
    public static partial void GaveUp(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(4222, LogLevel.Information, "Sync: initial pull of the peers' state ended: {Outcome}")]
    public static partial void InitialSync(ILogger logger, string outcome);

    [LoggerMessage(4230, LogLevel.Information, "Sync: discovery lost peer {Peer}; it is removed in {Seconds} s unless found again or its stream is alive then")]
    public static partial void DiscoveredLost(ILogger logger, string peer, long seconds);

    [LoggerMessage(4231, LogLevel.Information, "Sync: discovery found peer {Peer} again within the grace: it stays")]
    public static partial void DiscoveredBack(ILogger logger, string peer);

    [LoggerMessage(4232, LogLevel.Information, "Sync: discovery lost peer {Peer} but its sync stream is alive: kept, checked again in {Seconds} s")]
    public static partial void DiscoveredKept(ILogger logger, string peer, long seconds);

    [LoggerMessage(4233, LogLevel.Debug, "Sync: discovered {Peer} is not a sync peer of this node (another cluster, this node, or no address or sync port)")]
    public static partial void DiscoveredSkipped(ILogger logger, string peer);
}
