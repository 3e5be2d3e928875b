namespace Appliance.ProxyCore.Logging;

/// <summary>
/// Syslog facilities (RFC 5424 section 6.2.1, table 1), in HAProxy's order and with its names (<c>auth2</c> is
/// authpriv, <c>cron2</c> the second clock daemon).
/// </summary>
public enum SyslogFacility
{
    Kern = 0,
    User = 1,
    Mail = 2,
    Daemon = 3,
    Auth = 4,
    Syslog = 5,
    Lpr = 6,
    News = 7,
    Uucp = 8,
    Cron = 9,
    Auth2 = 10,
    Ftp = 11,
    Ntp = 12,
    Audit = 13,
    Alert = 14,
    Cron2 = 15,
    Local0 = 16,
    Local1 = 17,
    Local2 = 18,
    Local3 = 19,
    Local4 = 20,
    Local5 = 21,
    Local6 = 22,
    Local7 = 23,
}
