namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// <c>log global</c> or <c>log TARGET [len N] [format F] [sample R:S] FACILITY [LEVEL [MINLEVEL]]</c>. The target is
/// kept as written (an address, a socket path or a ring); the facility must be one of syslog's names.
/// </summary>
internal sealed class LogLineParser(DiagnosticBag bag)
{
    private static readonly HashSet<string> Facilities = new(StringComparer.Ordinal)
    {
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "auth2", "ftp", "ntp", "audit",
        "alert", "cron2", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    };

    private static readonly HashSet<string> OptionsWithValue = new(StringComparer.Ordinal) { "len", "format", "sample", "profile" };

    public LogTargetConfig? Parse(ConfigLine line, string where)
    {
        var args = line.Arguments;
        if (args.Count == 0)
        {
            bag.Error(line.Location, ConfigMessages.MissingArgument("log", where, ConfigMessages.LogSyntax));
            return null;
        }

        if (args[0] == "global")
        {
            return new LogTargetConfig("global", [.. args.Skip(1)], line.Location);
        }

        var i = 1;
        while (i < args.Count && OptionsWithValue.Contains(args[i]))
        {
            i += 2;
        }

        if (i >= args.Count || !Facilities.Contains(args[i]))
        {
            var got = i < args.Count ? args[i] : null;
            bag.Error(line.Location, ConfigMessages.BadLogFacility(where, got, got is null ? null : NearestMatch.Find(got, Facilities)));
            return null;
        }

        return new LogTargetConfig(args[0], [.. args.Skip(1)], line.Location);
    }
}
