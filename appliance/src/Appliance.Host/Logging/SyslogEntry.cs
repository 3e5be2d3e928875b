using Appliance.ProxyCore.Logging;

namespace Appliance.Host.Logging;

/// <summary>A queued line: its text in a pooled buffer (returned once sent or dropped) and its header fields.</summary>
internal readonly record struct SyslogEntry(byte[] Buffer, int Length, SyslogSeverity Severity, DateTimeOffset Timestamp, string MessageId);
