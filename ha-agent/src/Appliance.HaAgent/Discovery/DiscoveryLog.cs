using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Discovery;

/// <summary>Peer discovery's log messages, event ids 53xx.</summary>
internal static partial class DiscoveryLog
{
    [LoggerMessage(5301, LogLevel.Information, "discovery: announced {Instance} on {Interface} ({Addresses})")]
    public static partial void Announced(ILogger logger, string instance, string @interface, string addresses);

    [LoggerMessage(5302, LogLevel.Warning, "discovery: name conflict on the link; now {Instance} on host {Host}")]
    public static partial void Renamed(ILogger logger, string instance, string host);

    [LoggerMessage(5303, LogLevel.Information, "discovery: peer found: {Peer}")]
    public static partial void PeerFound(ILogger logger, DiscoveryPeer peer);

    [LoggerMessage(5304, LogLevel.Information, "discovery: peer changed: {Peer}")]
    public static partial void PeerUpdated(ILogger logger, DiscoveryPeer peer);

    [LoggerMessage(5305, LogLevel.Information, "discovery: peer lost: {Peer}")]
    public static partial void PeerLost(ILogger logger, DiscoveryPeer peer);

    [LoggerMessage(5306, LogLevel.Debug, "discovery: ignoring {Instance}: cluster '{Cluster}', not ours")]
    public static partial void OtherCluster(ILogger logger, string instance, string cluster);

    [LoggerMessage(5307, LogLevel.Debug, "discovery: dropped a message from {Source}: {Reason}")]
    public static partial void Dropped(ILogger logger, string source, string reason);

    [LoggerMessage(5308, LogLevel.Warning, "discovery: send failing: {Error}")]
    public static partial void SendFailing(ILogger logger, string error);

    [LoggerMessage(5309, LogLevel.Information, "discovery: send recovered after {Failed} failed messages")]
    public static partial void SendRecovered(ILogger logger, long failed);

    [LoggerMessage(5310, LogLevel.Error, "discovery: a {Event} handler threw")]
    public static partial void HandlerFailed(ILogger logger, string @event, Exception error);

    [LoggerMessage(5311, LogLevel.Error, "discovery: receive failed; discovery stops")]
    public static partial void ReceiveFailed(ILogger logger, Exception error);

    [LoggerMessage(5312, LogLevel.Information, "discovery: stopped; goodbye sent for {Instance}")]
    public static partial void Stopped(ILogger logger, string instance);
}
