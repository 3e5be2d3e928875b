using System.Globalization;
using Appliance.ProxyCore.Logging;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Appliance.Host.Logging;

/// <summary>
/// The Serilog sink for the appliance's own events: each event is rendered once and queued to every global target
/// (HAProxy sends process events to the global <c>log</c> lines), with the MSGID of its event id. Access lines do not
/// come through here: they go straight from <see cref="AccessLog"/> to the targets' queues.
/// </summary>
internal sealed class SyslogSink(IReadOnlyList<SyslogTarget> targets) : ILogEventSink
{
    private IReadOnlyList<SyslogTarget> _targets = targets;

    /// <summary>The global targets events go to; a reload replaces them.</summary>
    public IReadOnlyList<SyslogTarget> Targets
    {
        get => Volatile.Read(ref _targets);
        set => Volatile.Write(ref _targets, value);
    }

    public void Emit(LogEvent logEvent)
    {
        var targets = Targets;
        if (targets.Count == 0)
        {
            return;
        }

        var text = Render(logEvent);
        if (logEvent.Exception is { } exception)
        {
            text = $"{text}: {exception.GetType().Name}: {exception.Message}";
        }

        var severity = SeverityOf(logEvent.Level);
        var messageId = SyslogMessageIds.For(EventIdOf(logEvent));
        foreach (var target in targets)
        {
            target.WriteEvent(severity, messageId, text);
        }
    }

    /// <summary>The message with string values as they are: Serilog's own rendering would quote them.</summary>
    public static string Render(LogEvent logEvent)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property
                && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text })
            {
                writer.Write(text);
            }
            else
            {
                token.Render(logEvent.Properties, writer, CultureInfo.InvariantCulture);
            }
        }

        return writer.ToString();
    }

    /// <summary>Serilog levels to syslog severities (RFC 5424 section 6.2.1).</summary>
    public static SyslogSeverity SeverityOf(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => SyslogSeverity.Crit,
        LogEventLevel.Error => SyslogSeverity.Err,
        LogEventLevel.Warning => SyslogSeverity.Warning,
        LogEventLevel.Information => SyslogSeverity.Info,
        _ => SyslogSeverity.Debug,
    };

    /// <summary>The Microsoft.Extensions.Logging event id, which Serilog.Extensions.Logging stores as <c>EventId.Id</c>.</summary>
    private static int EventIdOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("EventId", out var value)
        && value is StructureValue structure
        && structure.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: int id }
            ? id
            : 0;
}
