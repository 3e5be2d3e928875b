using System.Globalization;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Configuration.Parsing;

namespace Appliance.ProxyCore.Logging;

/// <summary>
/// Turns a stored <c>log</c> line into a <see cref="LogTarget"/>, or the first problem with it (pure; messages from
/// <see cref="ConfigMessages"/>). Address forms: <c>IP[:PORT]</c> and <c>udp@IP[:PORT]</c> (UDP, port 514 by default),
/// <c>tcp@IP:PORT</c>, an absolute path (a UNIX datagram socket such as <c>/dev/log</c>), <c>stdout</c>, <c>stderr</c>;
/// a host name may stand for the IP. Options: <c>len N</c> (80..65535), <c>format F</c>, <c>sample R:S</c> (accepted,
/// not applied: a warning).
/// </summary>
public static class LogTargetParser
{
    /// <summary>HAProxy's bounds for <c>len</c> (configuration manual, <c>log</c>).</summary>
    public const int MinLength = 80;

    /// <inheritdoc cref="MinLength"/>
    public const int MaxLength = 65535;

    private static readonly string[] Options = ["len", "format", "sample"];

    /// <summary>Parses <paramref name="line"/> (not <c>log global</c>); null with <paramref name="error"/> set when it is invalid.</summary>
    /// <param name="line">The line as the configuration parser stored it.</param>
    /// <param name="error">The problem, without location.</param>
    /// <param name="warning">A problem that does not stop the target (an ignored <c>sample</c>).</param>
    public static LogTarget? Parse(LogTargetConfig line, out string? error, out string? warning)
    {
        warning = null;
        var target = ParseAddress(line.Target, out error);
        if (target is null)
        {
            return null;
        }

        var args = line.Arguments;
        var i = 0;
        var length = LogTarget.DefaultMaxLength;
        SyslogFormat? format = null;
        while (i < args.Count && Array.IndexOf(Options, args[i]) >= 0)
        {
            var option = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (option)
            {
                case "len":
                    if (value is null || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out length)
                        || length is < MinLength or > MaxLength)
                    {
                        error = ConfigMessages.LogBadLength(line.Target, value);
                        return null;
                    }

                    break;
                case "format":
                    if (value is null || !SyslogNames.TryParseFormat(value, out var f))
                    {
                        error = ConfigMessages.LogBadFormat(line.Target, value, value is null ? null : NearestMatch.Find(value, SyslogNames.Formats));
                        return null;
                    }

                    format = f;
                    break;
                default:
                    warning = ConfigMessages.LogSampleIgnored(line.Target);
                    break;
            }

            i += 2;
        }

        // The configuration parser has already refused a line without a valid facility here.
        if (i >= args.Count || !SyslogNames.TryParseFacility(args[i], out var facility))
        {
            error = ConfigMessages.BadLogFacility(ConfigMessages.ForLogTarget(line.Target), i < args.Count ? args[i] : null, null);
            return null;
        }

        var maxLevel = SyslogSeverity.Debug;
        var minLevel = SyslogSeverity.Emerg;
        if (++i < args.Count && !TryLevel(line.Target, args[i], "level", out maxLevel, out error))
        {
            return null;
        }

        if (++i < args.Count && !TryLevel(line.Target, args[i], "minimum level", out minLevel, out error))
        {
            return null;
        }

        if (++i < args.Count)
        {
            error = ConfigMessages.LogExtraArgument(line.Target, args[i]);
            return null;
        }

        return target with { MaxLength = length, Format = format, Facility = facility, MaxLevel = maxLevel, MinLevel = minLevel, Location = line.Location };
    }

    private static bool TryLevel(string target, string word, string what, out SyslogSeverity level, out string? error)
    {
        error = null;
        if (SyslogNames.TryParseLevel(word, out level))
        {
            return true;
        }

        error = ConfigMessages.LogBadLevel(target, what, word, NearestMatch.Find(word, SyslogNames.Levels));
        return false;
    }

    private static LogTarget? ParseAddress(string text, out string? error)
    {
        error = null;
        switch (text)
        {
            case "stdout":
                return Stream(text, LogTransport.Stdout);
            case "stderr":
                return Stream(text, LogTransport.Stderr);
        }

        if (text.StartsWith('/'))
        {
            return new LogTarget { Address = text, Transport = LogTransport.UnixDatagram, Path = text, Facility = default, Location = default };
        }

        var transport = LogTransport.Udp;
        var rest = text;
        var at = text.IndexOf('@');
        if (at >= 0)
        {
            var prefix = text[..(at + 1)];
            switch (prefix)
            {
                case "udp@" or "udp4@" or "udp6@":
                    rest = (prefix == "udp6@" ? "ipv6@" : prefix == "udp4@" ? "ipv4@" : "") + text[(at + 1)..];
                    break;
                case "tcp@" or "tcp4@" or "tcp6@":
                    transport = LogTransport.Tcp;
                    rest = (prefix == "tcp6@" ? "ipv6@" : prefix == "tcp4@" ? "ipv4@" : "") + text[(at + 1)..];
                    break;
                case "ipv4@" or "ipv6@":
                    break;
                default:
                    error = ConfigMessages.LogUnsupportedTarget(text);
                    return null;
            }
        }

        var parts = AddressParser.Split(rest, out var reason);
        if (parts is null)
        {
            error = ConfigMessages.LogBadAddress(text, reason!);
            return null;
        }

        if (AddressParser.ParseIp(parts.Host, parts.Family) is null && !(parts.Family == default && AddressParser.IsHostName(parts.Host)))
        {
            error = ConfigMessages.LogBadAddress(text, ConfigMessages.NotAnIpOrHost(parts.Host));
            return null;
        }

        int port;
        if (parts.Port is null || (parts.Port.Length == 0 && transport == LogTransport.Udp))
        {
            if (transport == LogTransport.Tcp)
            {
                error = ConfigMessages.LogTcpWithoutPort(text);
                return null;
            }

            port = LogTarget.DefaultUdpPort;
        }
        else if (!int.TryParse(parts.Port, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            error = ConfigMessages.LogBadAddress(text, ConfigMessages.LogBadPort(parts.Port));
            return null;
        }

        return new LogTarget { Address = text, Transport = transport, Host = parts.Host, Port = port, Facility = default, Location = default };
    }

    private static LogTarget Stream(string text, LogTransport transport) =>
        new() { Address = text, Transport = transport, Facility = default, Location = default };
}
