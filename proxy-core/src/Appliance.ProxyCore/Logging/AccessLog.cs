using System.Buffers;
using System.Collections.Frozen;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Logging;

/// <summary>
/// The access log of one configuration: each frontend's <see cref="FrontendLogPlan"/> with its target writers. A line
/// is formatted into a pooled buffer of the largest <c>len</c> among the frontend's targets and handed to each writer,
/// which copies it; nothing is allocated per line.
/// </summary>
public sealed class AccessLog : IAccessLog
{
    private readonly FrozenDictionary<string, Entry> _frontends;
    private readonly TimeZoneInfo _zone;

    /// <param name="config">A validated configuration.</param>
    /// <param name="writerFor">The writer of a target; called once per distinct target of each frontend.</param>
    /// <param name="timeProvider">Its <see cref="TimeProvider.LocalTimeZone"/> is the zone of the logged dates.</param>
    public AccessLog(ApplianceConfig config, Func<LogTarget, ILogTargetWriter> writerFor, TimeProvider timeProvider)
    {
        _zone = timeProvider.LocalTimeZone;
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var frontend in config.Frontends.Where(f => !f.Disabled))
        {
            var plan = FrontendLogPlan.For(frontend, config.Global);
            if (plan.Targets.Count > 0)
            {
                entries[frontend.Name] = new Entry(
                    plan,
                    frontend.Mode == ProxyMode.Http,
                    [.. plan.Targets.Select(writerFor)],
                    plan.Targets.Max(t => t.MaxLength));
            }
        }

        _frontends = entries.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public bool IsEnabled(string frontend) => _frontends.ContainsKey(frontend);

    public HeaderCaptures CapturesOf(string frontend) => _frontends.GetValueOrDefault(frontend)?.Plan.Captures ?? HeaderCaptures.None;

    /// <summary>The plan of a frontend that logs; null when it logs nothing.</summary>
    public FrontendLogPlan? PlanOf(string frontend) => _frontends.GetValueOrDefault(frontend)?.Plan;

    public void Write(in HttpAccessRecord record)
    {
        if (!_frontends.TryGetValue(record.Frontend, out var entry) || (entry.Plan.DontLogNull && entry.Plan.Line is not null && record.BytesUploaded == 0))
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(entry.BufferLength);
        var length = entry.Plan.Line is { } line
            ? line.Format(record, _zone, buffer.AsSpan(0, entry.BufferLength))
            : DefaultLogFormatter.Format(record.Client, record.FrontendEndPoint, record.Frontend, http: true, buffer.AsSpan(0, entry.BufferLength));
        Send(entry, entry.Plan.SeparateErrors && record.IsError, buffer, length);
    }

    public void Write(in TcpAccessRecord record)
    {
        if (!_frontends.TryGetValue(record.Frontend, out var entry) || (entry.Plan.DontLogNull && entry.Plan.Line is not null && record.BytesUploaded == 0))
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(entry.BufferLength);
        var length = entry.Plan.Line is { } line
            ? line.Format(HttpAccessRecord.From(record), _zone, buffer.AsSpan(0, entry.BufferLength))
            : DefaultLogFormatter.Format(record.Client, record.FrontendEndPoint, record.Frontend, entry.Http, buffer.AsSpan(0, entry.BufferLength));
        Send(entry, entry.Plan.SeparateErrors && record.IsError, buffer, length);
    }

    /// <summary>Access lines go out at <c>info</c>, errors at <c>err</c> under <c>log-separate-errors</c> (manual 8.3.3).</summary>
    private static void Send(Entry entry, bool error, byte[] buffer, int length)
    {
        var severity = error ? SyslogSeverity.Err : SyslogSeverity.Info;
        try
        {
            foreach (var writer in entry.Writers)
            {
                writer.Write(severity, buffer.AsSpan(0, length));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed record Entry(FrontendLogPlan Plan, bool Http, ILogTargetWriter[] Writers, int BufferLength);
}
