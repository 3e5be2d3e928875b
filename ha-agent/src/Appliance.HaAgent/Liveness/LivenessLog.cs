using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Liveness;

/// <summary>The fast-takeover monitor's log lines (event ids 5020–5021): what a takeover reason can be checked against.</summary>
internal static partial class LivenessLog
{
    [LoggerMessage(5020, LogLevel.Information, "{Instance}: liveness connection to master {Master} at {Target} held")]
    public static partial void Holding(ILogger logger, string instance, string master, string target);

    [LoggerMessage(5021, LogLevel.Information, "{Instance}: liveness connection to {Target} ended after {HeldMs} ms; probe {Outcome}")]
    public static partial void Ended(ILogger logger, string instance, string target, long heldMs, string outcome);
}
