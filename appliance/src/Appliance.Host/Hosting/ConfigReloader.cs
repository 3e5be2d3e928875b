using Appliance.HaAgent.Agent;
using Appliance.HaAgent.Sync.ConfigSync;
using Appliance.Host.Store;
using Appliance.Host.Sync;
using Appliance.ProxyCore;
using Appliance.ProxyCore.Configuration;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Hosting;

/// <summary>
/// A reload (SIGHUP, <c>appliance reload</c>): re-reads and validates the configuration file; a valid one is applied to
/// the running engine without refusing connections, an invalid one is refused with its diagnostics and the running one
/// stays. On a node with sync peers (<see cref="Cluster"/> set) the file's shared part is proposed to every node instead
/// and applied everywhere or nowhere. A changed <c>ha</c> section is applied to the running ha-agent (see <see cref="Ha"/>):
/// its live keywords at once, its restart-only ones named in the answer (docs/ha.md "Reload"). Syslog targets and log
/// plans follow the new file (see <see cref="Syslog"/>).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds no kernel handle unless AvailableWaitHandle is read; the reloader lives as long as the process")]
internal sealed partial class ConfigReloader
{
    private readonly string _path;
    private readonly ProxyEngine _engine;
    private readonly ILogger _logger;
    private readonly TextWriter _stdout;

    // One configuration is applied at a time: a SIGHUP, an admin reload and a sync commit may arrive together.
    private readonly SemaphoreSlim _apply = new(1, 1);
    private Func<string, CancellationToken, Task<ConfigSyncResult>>? _cluster;
    private HaAgentHost? _ha;
    private string? _lastHaNote;
    private string _runningText = string.Empty;

    public ConfigReloader(string path, ProxyEngine engine, ILogger logger, TextWriter stdout)
    {
        _path = path;
        _engine = engine;
        _logger = logger;
        _stdout = stdout;
    }

    /// <summary>Looks up the environment variables a file uses (<c>"${NODE_ADDR}"</c>); default null = the process environment.</summary>
    public Func<string, string?>? Environment { get; init; }

    /// <summary>Records each configuration a reload applies; none when null (the default).</summary>
    public ConfigRecorder? Recorder { get; init; }

    /// <summary>
    /// The syslog targets and access log, rebuilt from each applied configuration (a changed <c>log</c> line or
    /// <c>log-format</c> applies; a removed target drains and closes); untouched when null (the default).
    /// </summary>
    public Logging.SyslogLogging? Syslog { get; init; }

    /// <summary>The configuration file.</summary>
    public string Path => _path;

    /// <summary>The text of the configuration the engine runs (as read when it was applied); set at start, then by each reload.</summary>
    public string RunningText
    {
        get => Volatile.Read(ref _runningText);
        init => _runningText = value;
    }

    /// <summary>
    /// Proposes a shared configuration text to the whole cluster (the sync service's two-phase commit); null (the default)
    /// while the node has no sync peers, and a reload applies locally.
    /// </summary>
    public Func<string, CancellationToken, Task<ConfigSyncResult>>? Cluster
    {
        get => Volatile.Read(ref _cluster);
        set => Volatile.Write(ref _cluster, value);
    }

    /// <summary>
    /// The running ha-agent, which a reload hands a changed <c>ha</c> section to; null (the default) while none runs
    /// (no section, or not started yet): a changed section then applies at the next start and the answer says so.
    /// </summary>
    public HaAgentHost? Ha
    {
        get => Volatile.Read(ref _ha);
        set => Volatile.Write(ref _ha, value);
    }

    /// <summary>Reloads once; the message says what happened (it starts with "reload refused" when nothing changed).</summary>
    /// <param name="local">True: apply on this node only even with sync peers (a peer is down for maintenance); the node then drifts until the next cluster reload.</param>
    /// <param name="cancellationToken">Cancels a cluster proposal.</param>
    public async Task<(bool Applied, string Message)> ReloadAsync(bool local = false, CancellationToken cancellationToken = default)
    {
        var (text, result) = ConfigFileSnapshot.Load(_path, Environment);
        return !local && Cluster is { } cluster
            ? await ProposeAsync(text, result, cluster, cancellationToken).ConfigureAwait(false)
            : await ApplyAsync(text, result, ConfigOrigin.Reload).ConfigureAwait(false);
    }

    /// <summary>Validates and applies <paramref name="text"/> as the content of the file (a sync commit: the file was just written with it).</summary>
    public Task<(bool Applied, string Message)> ApplyAsync(string text, string origin) => ApplyAsync(text, Load(text), origin);

    /// <summary>Loads <paramref name="text"/> as the content of the file, with <see cref="Environment"/>.</summary>
    public ConfigLoadResult Load(string text) => ConfigLoader.LoadText(text, _path, environment: Environment);

    private async Task<(bool Applied, string Message)> ApplyAsync(string text, ConfigLoadResult result, string origin)
    {
        await _apply.WaitAsync().ConfigureAwait(false);
        try
        {
            var (config, errors) = ConfigValidation.Validate(result);
            if (config is null)
            {
                return Refused(errors);
            }

            // Everything of the ha section that can fail is prepared before the proxy changes: a node is never half-applied.
            HaAgentReload? ha;
            string? haNote;
            try
            {
                (ha, haNote) = await PrepareHaAsync(config).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
            {
                return Refused($"ha: {e.Message}");
            }

            await using var haScope = ha;
            try
            {
                var report = await _engine.ReloadAsync(config).ConfigureAwait(false);
                Volatile.Write(ref _runningText, text);
                Recorder?.Record(text, origin);
                var syslog = Syslog is null ? null : await Syslog.ApplyAsync(config).ConfigureAwait(false);
                haNote = ha is null ? haNote : await CommitHaAsync(ha).ConfigureAwait(false);
                Volatile.Write(ref _lastHaNote, haNote);
                var message = string.Join("; ", new[] { $"configuration reloaded: {report}", syslog?.ToString(), haNote }.Where(p => p is not null));
                _stdout.WriteLine($"appliance: {message}");
                return (true, message);
            }
            catch (ProxyStartException ex)
            {
                return Refused(ex.Message);
            }
        }
        finally
        {
            _apply.Release();
        }
    }

    private async Task<(bool Applied, string Message)> ProposeAsync(
        string text, ConfigLoadResult result, Func<string, CancellationToken, Task<ConfigSyncResult>> cluster, CancellationToken cancellationToken)
    {
        // A file this node cannot load is never proposed (an unreadable file would propose an empty text).
        var (config, errors) = ConfigValidation.Validate(result);
        if (config is null)
        {
            return Refused(errors);
        }

        Volatile.Write(ref _lastHaNote, null);
        var outcome = await cluster(SharedConfigText.Shared(text), cancellationToken).ConfigureAwait(false);
        if (outcome.Committed)
        {
            // This node's own ha section was applied by its commit (ApplyAsync); each node applies its own.
            var ha = Volatile.Read(ref _lastHaNote) is { } note ? $"; {note}" : string.Empty;
            var message = $"configuration v{outcome.Version} committed on {outcome.Nodes.Count} node(s): {string.Join(", ", outcome.Nodes.Select(n => n.Node))}{ha}";
            _logger.LogInformation("Reload: {Message}", message);
            _stdout.WriteLine($"appliance: {message}");
            return (true, message);
        }

        var refused = $"reload refused by the cluster (v{outcome.Version}); no node applied it\n{outcome.Error}".TrimEnd();
        _logger.LogError("Reload refused by the cluster (v{Version}): {Error}", outcome.Version, outcome.Error);
        _stdout.WriteLine($"appliance: {refused}");
        return (false, refused);
    }

    private (bool Applied, string Message) Refused(IReadOnlyList<string> errors)
    {
        foreach (var error in errors)
        {
            _logger.LogError("Reload refused: {Diagnostic}", error);
        }

        var refused = $"reload refused ({errors.Count} error(s)); the running configuration stays\n{string.Join('\n', errors)}";
        _stdout.WriteLine($"appliance: {refused}");
        return (false, refused);
    }

    private (bool Applied, string Message) Refused(string reason)
    {
        _logger.LogError("Reload refused: {Reason}", reason);
        var refused = $"reload refused: {reason}; the running configuration stays";
        _stdout.WriteLine($"appliance: {refused}");
        return (false, refused);
    }

    /// <summary>
    /// The prepared reload of the running agent (null when there is nothing to hand it) and, without one, what the answer
    /// says about the <c>ha</c> section (null = nothing: no section, or unchanged).
    /// </summary>
    private async Task<(HaAgentReload? Reload, string? Note)> PrepareHaAsync(ApplianceConfig next)
    {
        var nextHa = HaAgentHost.Check(next).Config;
        if (Ha is not { } host)
        {
            if (SameHaSection(_engine.Config, next))
            {
                return (null, null);
            }

            var note = nextHa is null
                ? "ha: the 'ha' section was removed; no ha-agent runs"
                : HaAgentHost.HasSection(_engine.Config)
                    ? "ha: the ha-agent is not running; the changed 'ha' section applies at the next start"
                    : "ha: restart needed for the added 'ha' section (the ha-agent starts with the node)";
            HaReloadNote(_logger, note);
            return (null, note);
        }

        if (nextHa is null)
        {
            const string removed = "ha: restart needed for the removed 'ha' section (the ha-agent keeps running as started until then)";
            HaReloadNote(_logger, removed);
            return (null, removed);
        }

        var reload = await host.PrepareReloadAsync(nextHa).ConfigureAwait(false);
        if (reload.Plan.IsEmpty)
        {
            await reload.DisposeAsync().ConfigureAwait(false);
            return (null, null);
        }

        return (reload, null);
    }

    /// <summary>Applies the prepared ha reload; the answer's <c>ha:</c> part (a failure is reported there, the proxy part stays applied).</summary>
    private async Task<string> CommitHaAsync(HaAgentReload reload)
    {
        var plan = reload.Plan;
        try
        {
            await reload.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            HaReloadFailed(_logger, e.Message);
            return $"ha: not applied ({e.Message}); the ha-agent keeps its running section";
        }

        if (plan.Applied.Count > 0)
        {
            HaReloadApplied(_logger, string.Join(", ", plan.Applied));
        }

        if (plan.NeedsRestart.Count > 0)
        {
            HaReloadNeedsRestart(_logger, string.Join(", ", plan.NeedsRestart));
        }

        return plan.ToString();
    }

    [LoggerMessage(4301, LogLevel.Information, "Reload: ha keywords applied live: {Keywords}")]
    private static partial void HaReloadApplied(ILogger logger, string keywords);

    [LoggerMessage(4302, LogLevel.Warning, "Reload: ha keywords that need a restart (the running values stay until then): {Keywords}")]
    private static partial void HaReloadNeedsRestart(ILogger logger, string keywords);

    [LoggerMessage(4303, LogLevel.Warning, "Reload: {Note}")]
    private static partial void HaReloadNote(ILogger logger, string note);

    [LoggerMessage(4304, LogLevel.Error, "Reload: the ha section could not be applied to the running agent: {Reason}")]
    private static partial void HaReloadFailed(ILogger logger, string reason);

    private static bool SameHaSection(ApplianceConfig running, ApplianceConfig next)
    {
        static string Text(ApplianceConfig config) => string.Join('\n', config.OtherSections
            .Where(s => s.Keyword == SharedConfigText.LocalSection).SelectMany(s => s.Lines).Select(l => l.ToString()));
        return Text(running) == Text(next);
    }
}
