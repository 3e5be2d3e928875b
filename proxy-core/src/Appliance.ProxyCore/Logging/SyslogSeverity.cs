namespace Appliance.ProxyCore.Logging;

/// <summary>Syslog severities (RFC 5424 section 6.2.1, table 2), with the names HAProxy's <c>log</c> keyword uses.</summary>
public enum SyslogSeverity
{
    Emerg = 0,
    Alert = 1,
    Crit = 2,
    Err = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
    Debug = 7,
}
