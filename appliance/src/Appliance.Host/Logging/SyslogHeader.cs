using Appliance.ProxyCore.Logging;

namespace Appliance.Host.Logging;

/// <summary>What goes before a line's text: the format and the header fields.</summary>
/// <param name="Format">The header layout.</param>
/// <param name="Facility">The facility, part of PRI.</param>
/// <param name="Severity">The severity, part of PRI (after the target's cap).</param>
/// <param name="Timestamp">When the line was written, in the log's time zone.</param>
/// <param name="Identity">Hostname and tag.</param>
/// <param name="ProcessId">The PID in <c>tag[pid]</c> and PROCID.</param>
/// <param name="MessageId">RFC 5424 MSGID; <c>-</c> for access lines (as HAProxy), a name for appliance events.</param>
internal readonly record struct SyslogHeader(
    SyslogFormat Format,
    SyslogFacility Facility,
    SyslogSeverity Severity,
    DateTimeOffset Timestamp,
    SyslogIdentity Identity,
    int ProcessId,
    string MessageId);
