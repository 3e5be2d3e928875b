using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Sync.Client;

/// <summary>The gRPC client's log messages, event ids 535x.</summary>
internal static partial class GrpcClientLog
{
    [LoggerMessage(5351, LogLevel.Warning, "sync: {Server}: server certificate refused: {Reason}")]
    public static partial void ServerRefused(ILogger logger, string server, string reason);
}
