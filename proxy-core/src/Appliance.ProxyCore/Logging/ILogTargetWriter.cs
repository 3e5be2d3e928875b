namespace Appliance.ProxyCore.Logging;

/// <summary>
/// One <c>log</c> target's sender, implemented by the host (syslog over UDP, TCP, a UNIX socket or a stream). The
/// access log hands it finished lines; it adds the syslog header and queues them.
/// </summary>
public interface ILogTargetWriter
{
    LogTarget Target { get; }

    /// <summary>
    /// Queues one line (copied before returning). Never blocks: when the target is slow or down the line is dropped and
    /// counted. Lines the target's level filter refuses are skipped; longer ones are cut to its <c>len</c>.
    /// </summary>
    /// <param name="severity">The line's severity (before the target's level cap).</param>
    /// <param name="message">The text, without header and without line end.</param>
    void Write(SyslogSeverity severity, ReadOnlySpan<byte> message);
}
