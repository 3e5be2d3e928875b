namespace Appliance.ProxyCore.Logging;

/// <summary>The words of the <c>log</c> keyword: facility, level and format names as HAProxy spells them.</summary>
public static class SyslogNames
{
    /// <summary>The 24 facilities in code order (RFC 5424 section 6.2.1).</summary>
    public static IReadOnlyList<string> Facilities { get; } =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "auth2", "ftp", "ntp", "audit",
        "alert", "cron2", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    /// <summary>The 8 levels in severity order, most severe first.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"];

    /// <summary>The formats, in <see cref="SyslogFormat"/> order.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["local", "rfc3164", "rfc5424", "priority", "short", "timed", "iso", "raw"];

    public static bool TryParseFacility(string word, out SyslogFacility facility) => TryFind(Facilities, word, out facility);

    public static bool TryParseLevel(string word, out SyslogSeverity level) => TryFind(Levels, word, out level);

    public static bool TryParseFormat(string word, out SyslogFormat format) => TryFind(Formats, word, out format);

    private static bool TryFind<T>(IReadOnlyList<string> names, string word, out T value)
        where T : struct, Enum
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == word)
            {
                value = (T)Enum.ToObject(typeof(T), i);
                return true;
            }
        }

        value = default;
        return false;
    }
}
