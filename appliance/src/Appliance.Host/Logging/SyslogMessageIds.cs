namespace Appliance.Host.Logging;

/// <summary>RFC 5424 MSGIDs (section 6.2.7) of the appliance's events, by event id; <c>-</c> (NILVALUE) for any other.</summary>
internal static class SyslogMessageIds
{
    public const string None = "-";

    public static string For(int eventId) => eventId switch
    {
        5001 => "server-state",
        5002 => "agent",
        5003 or 5004 => "config",
        5005 => "role",
        _ => None,
    };
}
