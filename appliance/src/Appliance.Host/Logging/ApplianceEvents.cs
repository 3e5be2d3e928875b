using Appliance.ProxyCore;
using Appliance.ProxyCore.Health;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Logging;

/// <summary>
/// The appliance's own events for syslog, with stable ids 5xxx that <see cref="SyslogMessageIds"/> turns into RFC 5424
/// MSGIDs. Logged under <see cref="Category"/>, which the host sends to syslog (the engine's own health lines go to the
/// console only, so each event reaches syslog once).
/// </summary>
internal static partial class ApplianceEvents
{
    /// <summary>The logger category of these events.</summary>
    public const string Category = "Appliance.Events";

    [LoggerMessage(5001, LogLevel.Warning, "{Message}")]
    public static partial void ServerStateChanged(ILogger logger, string message);

    [LoggerMessage(5002, LogLevel.Information, "{Message}")]
    public static partial void AgentChanged(ILogger logger, string message);

    [LoggerMessage(5003, LogLevel.Information, "Configuration {File} applied: {Frontends} frontends, {Backends} backends")]
    public static partial void ConfigApplied(ILogger logger, string file, int frontends, int backends);

    [LoggerMessage(5004, LogLevel.Error, "Configuration {File} refused: {Errors} errors, first: {First}")]
    public static partial void ConfigRefused(ILogger logger, string file, int errors, string first);

    [LoggerMessage(5005, LogLevel.Warning, "Role changed from {From} to {To}: {Reason}")]
    public static partial void RoleChanged(ILogger logger, string from, string to, string reason);

    /// <summary>
    /// Logs a VRRP role change as <c>role</c>: <c>Role changed from BACKUP to MASTER: vrid51 MasterDown, priority 100</c>
    /// (with the peer whose advert caused it, when one did).
    /// </summary>
    public static void RoleChanged(ILogger logger, HaAgent.Events.RoleChangeEvent change)
    {
        var reason = $"{change.Instance} {change.Reason}, priority {change.Priority}";
        RoleChanged(
            logger,
            change.From.ToString().ToUpperInvariant(),
            change.To.ToString().ToUpperInvariant(),
            change.Peer is { } peer ? $"{reason}, peer {peer} priority {change.PeerPriority}" : reason);
    }

    /// <summary>Relays the engine's health events from now on; returns the events' logger.</summary>
    public static ILogger Hook(ProxyEngine engine, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(Category);
        engine.HealthEventRaised += (_, e) => Log(logger, e);
        return logger;
    }

    /// <summary>Logs that the engine's configuration, read from <paramref name="file"/>, is being served.</summary>
    public static void ConfigApplied(ILogger logger, ProxyEngine engine, string file) =>
        ConfigApplied(logger, file, engine.Config.Frontends.Count(), engine.Config.Backends.Count());

    /// <summary>Logs a health event with HAProxy's wording: server UP/DOWN as <c>server-state</c>, agent news as <c>agent</c>.</summary>
    public static void Log(ILogger logger, HealthEvent healthEvent)
    {
        if (healthEvent is ServerHealthChanged)
        {
            ServerStateChanged(logger, healthEvent.ToString());
        }
        else
        {
            AgentChanged(logger, healthEvent.ToString());
        }
    }
}
