using Appliance.HaAgent.Events;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Driver;

/// <summary>The ha-agent's log messages, event ids 5xxx (5000s driver, 5100s trackers, 5200s notify).</summary>
internal static partial class HaLog
{
    [LoggerMessage(5001, LogLevel.Information, "{Change}")]
    public static partial void RoleChanged(ILogger logger, RoleChangeEvent change);

    [LoggerMessage(5002, LogLevel.Warning, "{Instance}: advert send failing: {Error}")]
    public static partial void AdvertSendFailing(ILogger logger, string instance, string error);

    [LoggerMessage(5003, LogLevel.Information, "{Instance}: advert send recovered after {Failed} failed adverts")]
    public static partial void AdvertSendRecovered(ILogger logger, string instance, long failed);

    [LoggerMessage(5004, LogLevel.Error, "{Instance}: {Action} failed")]
    public static partial void ActionFailed(ILogger logger, string instance, string action, Exception error);

    [LoggerMessage(5005, LogLevel.Warning, "{Instance}: gratuitous ARP for {Address} failed: {Error}")]
    public static partial void GarpFailed(ILogger logger, string instance, string address, string error);

    [LoggerMessage(5006, LogLevel.Information, "{Instance}: priority {From} -> {To} (failed trackers: {Failed})")]
    public static partial void PriorityChanged(ILogger logger, string instance, byte from, byte to, string failed);

    [LoggerMessage(5007, LogLevel.Error, "{Instance}: receive failed")]
    public static partial void ReceiveFailed(ILogger logger, string instance, Exception error);

    [LoggerMessage(5008, LogLevel.Critical, "{Instance}: the driver loop failed; removing the virtual addresses")]
    public static partial void DriverFailed(ILogger logger, string instance, Exception error);

    [LoggerMessage(5009, LogLevel.Information, "{Instance}: virtual addresses {Action}: {Addresses}")]
    public static partial void AddressesChanged(ILogger logger, string instance, string action, string addresses);

    [LoggerMessage(5010, LogLevel.Information, "{Instance}: priority {From} -> {To} ({Cause})")]
    public static partial void PriorityOverridden(ILogger logger, string instance, byte from, byte to, string cause);

    [LoggerMessage(5011, LogLevel.Information, "{Instance}: planned switchover: {What}")]
    public static partial void Switchover(ILogger logger, string instance, string what);

    [LoggerMessage(5012, LogLevel.Warning, "{Instance}: master {Master} process gone ({Evidence}): taking over {When}, not after Master_Down_Interval")]
    public static partial void MasterProcessGone(ILogger logger, string instance, string master, string evidence, string when);

    [LoggerMessage(5013, LogLevel.Information, "{Instance}: master {Master} reported gone ({Evidence}) but it is no longer this backup's master: ignored")]
    public static partial void MasterProcessGoneIgnored(ILogger logger, string instance, string master, string evidence);

    [LoggerMessage(5014, LogLevel.Information, "{Instance}: reload applied: {What}")]
    public static partial void Reloaded(ILogger logger, string instance, string what);

    [LoggerMessage(5101, LogLevel.Information, "tracker {Tracker}: {State}")]
    public static partial void TrackerChanged(ILogger logger, string tracker, string state);

    [LoggerMessage(5102, LogLevel.Warning, "tracker {Tracker}: check failed to run: {Error}")]
    public static partial void TrackerCheckError(ILogger logger, string tracker, string error);

    [LoggerMessage(5201, LogLevel.Information, "notify {Program} {Arguments}: exit {ExitCode}")]
    public static partial void NotifyRan(ILogger logger, string program, string arguments, int exitCode);

    [LoggerMessage(5202, LogLevel.Warning, "notify {Program} {Arguments}: killed after {Timeout}")]
    public static partial void NotifyTimedOut(ILogger logger, string program, string arguments, TimeSpan timeout);

    [LoggerMessage(5203, LogLevel.Warning, "notify {Program} {Arguments}: could not run: {Error}")]
    public static partial void NotifyFailed(ILogger logger, string program, string arguments, string error);
}
