using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Sync.Server;

/// <summary>The gRPC server's log messages, event ids 53xx. No secret (key, MAC, certificate key) is ever logged.</summary>
internal static partial class GrpcServerLog
{
    [LoggerMessage(5301, LogLevel.Information, "sync: serving gRPC on {EndPoint} ({Security})")]
    public static partial void Listening(ILogger logger, string endPoint, string security);

    [LoggerMessage(5302, LogLevel.Warning, "sync: {Peer} {Method}: refused, unauthenticated: {Reason}")]
    public static partial void Unauthenticated(ILogger logger, string peer, string method, string reason);

    [LoggerMessage(5303, LogLevel.Error, "sync: {Peer} {Method}: the handler threw; the client gets INTERNAL")]
    public static partial void HandlerFailed(ILogger logger, string peer, string method, Exception error);

    [LoggerMessage(5304, LogLevel.Debug, "sync: {Peer} {Method}: cancelled by the client")]
    public static partial void Cancelled(ILogger logger, string peer, string method);

    [LoggerMessage(5305, LogLevel.Information, "sync: {Peer} {Method}: deadline exceeded ({Timeout})")]
    public static partial void DeadlineExceeded(ILogger logger, string peer, string method, TimeSpan timeout);

    [LoggerMessage(5306, LogLevel.Debug, "sync: {Peer} {Method}: {Status} {Detail}")]
    public static partial void Completed(ILogger logger, string peer, string method, Grpc.StatusCode status, string detail);

    [LoggerMessage(5307, LogLevel.Warning, "sync: {Peer} {Method}: refused: {Reason}")]
    public static partial void Refused(ILogger logger, string peer, string method, string reason);

    [LoggerMessage(5308, LogLevel.Warning, "sync: {Peer} {Method}: completing the call after its deadline failed")]
    public static partial void DeadlineCompletionFailed(ILogger logger, string peer, string method, Exception error);
}
