using Microsoft.Extensions.Logging;

namespace Appliance.Host.Store;

/// <summary>The store's log events (ids 4100-4199).</summary>
internal static partial class StoreLog
{
    [LoggerMessage(4101, LogLevel.Information, "Config store created at {Path}")]
    public static partial void Created(ILogger logger, string path);

    [LoggerMessage(4102, LogLevel.Warning, "Config store at {Path} is unusable ({Reason}): moved aside to {MovedTo} and recreated")]
    public static partial void MovedAside(ILogger logger, string path, string reason, string movedTo);

    [LoggerMessage(4103, LogLevel.Warning, "Config store at {Path} disappeared while the node was running: recreated")]
    public static partial void RecreatedMissing(ILogger logger, string path);

    [LoggerMessage(4104, LogLevel.Information, "Config version {Version} recorded (origin {Origin}, sha256 {Hash})")]
    public static partial void Recorded(ILogger logger, int version, string origin, string hash);

    [LoggerMessage(4105, LogLevel.Error, "Config store at {Path} is unavailable ({Reason}); configurations are not being recorded")]
    public static partial void Unavailable(ILogger logger, string path, string reason);

    [LoggerMessage(4106, LogLevel.Warning, "Pid file {Path} could not be {Action}: {Reason}")]
    public static partial void PidFileFailed(ILogger logger, string path, string action, string reason);
}
