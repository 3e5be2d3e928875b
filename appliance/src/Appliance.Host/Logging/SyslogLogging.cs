using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Logging;

namespace Appliance.Host.Logging;

/// <summary>
/// Every <c>log</c> target of a configuration, each with its queue and sender, plus the access log that writes to
/// them and the Serilog sink for appliance events (global targets only). <see cref="ApplyAsync"/> rebuilds them for a
/// reloaded configuration: a target that stays keeps its queue and counters, a new one starts, a removed one drains
/// and closes. Disposing drains each queue for up to <see cref="SyslogTarget.DrainGrace"/>, then drops and counts the rest.
/// </summary>
internal sealed class SyslogLogging : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly string _machineName;
    private readonly int _processId;
    private readonly Func<LogTarget, ISyslogTransport>? _transportFor;
    private readonly int _capacity;
    private readonly SwitchingAccessLog _accessLog;
    private readonly SemaphoreSlim _applying = new(1, 1);
    private Dictionary<LogTarget, SyslogTarget> _targets = [];
    private SyslogIdentity? _identity;

    private SyslogLogging(TimeProvider time, string machineName, int processId, Func<LogTarget, ISyslogTransport>? transportFor, int capacity)
    {
        _time = time;
        _machineName = machineName;
        _processId = processId;
        _transportFor = transportFor;
        _capacity = capacity;
        _accessLog = new SwitchingAccessLog(NullAccessLog.Instance);
        EventSink = new SyslogSink([]);
    }

    /// <summary>The access log for the engine: it follows each applied configuration (<see cref="NullAccessLog"/>'s behaviour when no frontend logs).</summary>
    public IAccessLog AccessLog => _accessLog;

    /// <summary>The sink the host's Serilog logger writes appliance events to.</summary>
    public SyslogSink EventSink { get; }

    public IReadOnlyCollection<SyslogTarget> Targets => Volatile.Read(ref _targets).Values;

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
        var logging = new SyslogLogging(time, machineName, processId, transportFor, capacity);
        _ = logging.Swap(config);
        return logging;
    }

    /// <summary>
    /// Applies a reloaded configuration (validated): targets and log plans (formats, captures, options) follow it from
    /// the next line on. Returns once removed targets have drained (at most <see cref="SyslogTarget.DrainGrace"/>) and
    /// closed, with their final counters.
    /// </summary>
    public async Task<SyslogReloadReport> ApplyAsync(ApplianceConfig config)
    {
        await _applying.WaitAsync().ConfigureAwait(false);
        try
        {
            var (kept, added, removed) = Swap(config);
            await Task.WhenAll(removed.Select(t => t.DisposeAsync().AsTask())).ConfigureAwait(false);
            return new SyslogReloadReport(kept, added, [.. removed.Select(t => t.Stats)]);
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>Each target's counters, in configuration order.</summary>
    public IReadOnlyList<SyslogTargetStats> Stats() => [.. Targets.Select(t => t.Stats)];

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Targets.Select(t => t.DisposeAsync().AsTask())).ConfigureAwait(false);
        _applying.Dispose();
    }

    /// <summary>
    /// Builds the targets and access log of <paramref name="config"/>, reusing every running target with the same
    /// address, options and syslog identity, and switches the access log and event sink to them; returns the counts and
    /// the targets no longer used (still open).
    /// </summary>
    private (int Kept, int Added, List<SyslogTarget> Removed) Swap(ApplianceConfig config)
    {
        var identity = SyslogIdentity.From(config.Global, _machineName);
        var previous = _identity == identity ? _targets : [];
        var targets = new Dictionary<LogTarget, SyslogTarget>();
        var kept = 0;
        foreach (var target in FrontendLogPlan.AllTargets(config))
        {
            if (previous.TryGetValue(target, out var running))
            {
                targets[target] = running;
                kept++;
            }
            else
            {
                var transport = _transportFor?.Invoke(target) ?? TransportFor(target, _time);
                targets[target] = new SyslogTarget(target, transport, identity, _processId, _time, _capacity);
            }
        }

        var global = config.Global.Logs
            .Select(line => LogTargetParser.Parse(line, out _, out _))
            .OfType<LogTarget>()
            .Distinct()
            .Select(t => targets[t])
            .ToList();
        IAccessLog accessLog = config.Frontends.Any(f => !f.Disabled && f.Logs.Count > 0)
            ? new AccessLog(config, t => targets[t], _time)
            : NullAccessLog.Instance;
        var removed = _targets.Values.Where(t => !targets.ContainsValue(t)).ToList();
        Volatile.Write(ref _targets, targets);
        _identity = identity;
        _accessLog.Current = accessLog;
        EventSink.Targets = global;
        return (kept, targets.Count - kept, removed);
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
