using System.Text;
using Appliance.ProxyCore.Logging;

namespace Appliance.ProxyCore.Tests.Logging;

/// <summary>An <see cref="ILogTargetWriter"/> that keeps each line with its severity.</summary>
internal sealed class RecordingWriter(LogTarget target) : ILogTargetWriter
{
    public LogTarget Target { get; } = target;

    public List<(SyslogSeverity Severity, string Line)> Lines { get; } = [];

    public void Write(SyslogSeverity severity, ReadOnlySpan<byte> message) => Lines.Add((severity, Encoding.UTF8.GetString(message)));
}
