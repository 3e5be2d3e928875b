using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Logging;

namespace Appliance.Host.Logging;

/// <summary>
/// Every <c>log</c> target of a configuration, each with its queue and sender, plus the access log that writes to
/// them and the Serilog sink for appliance events (global targets only). Disposing drains each queue for up to
/// <see cref="SyslogTarget.DrainGrace"/>, then drops and counts the rest.
/// </summary>
internal sealed class SyslogLogging : IAsyncDisposable
{
    private readonly Dictionary<LogTarget, SyslogTarget> _targets;

    private SyslogLogging(Dictionary<LogTarget, SyslogTarget> targets, IAccessLog accessLog, SyslogSink sink)
    {
        _targets = targets;
        AccessLog = accessLog;
        EventSink = sink;
    }

    /// <summary>The access log for the engine; <see cref="NullAccessLog"/> when no frontend logs.</summary>
    public IAccessLog AccessLog { get; }

    /// <summary>The sink the host's Serilog logger writes appliance events to.</summary>
    public SyslogSink EventSink { get; }

    public IReadOnlyCollection<SyslogTarget> Targets => _targets.Values;

    /// <summary>Builds the targets of <paramref name="config"/> (validated) and starts their senders.</summary>
    /// <param name="config">The configuration.</param>
    /// <param name="time">Header timestamps and reconnect backoff.</param>
    /// <param name="machineName">For a bare <c>log-send-hostname</c>.</param>
    /// <param name="processId">The PID in headers.</param>
    /// <param name="transportFor">Overrides how a target is reached (tests); null = by its address.</param>
    /// <param name="capacity">Queue length per target.</param>
    public static SyslogLogging Create(
        ApplianceConfig config,
        TimeProvider time,
        string machineName,
        int processId,
        Func<LogTarget, ISyslogTransport>? transportFor = null,
        int capacity = SyslogTarget.DefaultCapacity)
    {
        var identity = SyslogIdentity.From(config.Global, machineName);
        var targets = new Dictionary<LogTarget, SyslogTarget>();
        foreach (var target in FrontendLogPlan.AllTargets(config))
        {
            var transport = transportFor?.Invoke(target) ?? TransportFor(target, time);
            targets[target] = new SyslogTarget(target, transport, identity, processId, time, capacity);
        }

        var global = config.Global.Logs
            .Select(line => LogTargetParser.Parse(line, out _, out _))
            .OfType<LogTarget>()
            .Distinct()
            .Select(t => targets[t])
            .ToList();
        IAccessLog accessLog = config.Frontends.Any(f => !f.Disabled && f.Logs.Count > 0)
            ? new AccessLog(config, t => targets[t], time)
            : NullAccessLog.Instance;
        return new SyslogLogging(targets, accessLog, new SyslogSink(global));
    }

    /// <summary>Each target's counters, in configuration order.</summary>
    public IReadOnlyList<SyslogTargetStats> Stats() => [.. _targets.Values.Select(t => t.Stats)];

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_targets.Values.Select(t => t.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private static ISyslogTransport TransportFor(LogTarget target, TimeProvider time) => target.Transport switch
    {
        LogTransport.Udp => SocketSyslogTransport.Udp(target.Host!, target.Port, time),
        LogTransport.Tcp => SocketSyslogTransport.Tcp(target.Host!, target.Port, time),
        LogTransport.UnixDatagram => SocketSyslogTransport.UnixDatagram(target.Path!, time),
        LogTransport.Stdout => new StreamSyslogTransport(Console.OpenStandardOutput()),
        _ => new StreamSyslogTransport(Console.OpenStandardError()),
    };
}
