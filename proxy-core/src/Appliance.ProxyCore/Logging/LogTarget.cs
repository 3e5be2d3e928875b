using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Logging;

/// <summary>
/// A checked <c>log</c> line: <c>log ADDRESS [len N] [format F] [sample R:S] FACILITY [LEVEL [MINLEVEL]]</c>. Value
/// equality: a defaults line inherited by several proxies, or a global line used through <c>log global</c>, is one
/// target and gets one sender.
/// </summary>
public sealed record LogTarget
{
    /// <summary>The default of <c>len</c>: 1024 bytes, which every syslog server accepts (HAProxy's default).</summary>
    public const int DefaultMaxLength = 1024;

    /// <summary>The standard syslog port, used when a UDP address has none (RFC 5426 section 3.3).</summary>
    public const int DefaultUdpPort = 514;

    /// <summary>The address as written, for messages and the stats page.</summary>
    public required string Address { get; init; }

    public required LogTransport Transport { get; init; }

    /// <summary>The host (an IP literal or a name resolved when the sender starts); null for sockets and streams.</summary>
    public string? Host { get; init; }

    /// <summary>The port; 0 for sockets and streams.</summary>
    public int Port { get; init; }

    /// <summary>The UNIX socket path; null otherwise.</summary>
    public string? Path { get; init; }

    /// <summary><c>len</c>: the longest line sent, header included; longer lines are cut. Default 1024, 80..65535.</summary>
    public int MaxLength { get; init; } = DefaultMaxLength;

    /// <summary><c>format</c>; null = not given, which means <c>local</c>, or <c>rfc3164</c> when <c>log-send-hostname</c> is set.</summary>
    public SyslogFormat? Format { get; init; }

    public required SyslogFacility Facility { get; init; }

    /// <summary>The least severe level sent; default <see cref="SyslogSeverity.Debug"/> (everything).</summary>
    public SyslogSeverity MaxLevel { get; init; } = SyslogSeverity.Debug;

    /// <summary>More severe messages are sent at this level instead; default <see cref="SyslogSeverity.Emerg"/> (no cap).</summary>
    public SyslogSeverity MinLevel { get; init; } = SyslogSeverity.Emerg;

    public required SourceLocation Location { get; init; }

    /// <summary>
    /// Applies the level filter and the cap: false when a message of <paramref name="severity"/> is not sent to this
    /// target, otherwise the severity to send it with.
    /// </summary>
    public bool Admits(SyslogSeverity severity, out SyslogSeverity sent)
    {
        sent = severity < MinLevel ? MinLevel : severity;
        return severity <= MaxLevel;
    }

    /// <summary>The format in force given whether <c>log-send-hostname</c> is set.</summary>
    public SyslogFormat EffectiveFormat(bool sendHostname) => Format ?? (sendHostname ? SyslogFormat.Rfc3164 : SyslogFormat.Local);

    public override string ToString() => Address;
}
