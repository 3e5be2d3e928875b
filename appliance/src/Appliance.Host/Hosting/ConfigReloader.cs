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
/// and applied everywhere or nowhere. The <c>ha</c> section is read at start only: a change to it is reported and needs
/// a restart.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds no kernel handle unless AvailableWaitHandle is read; the reloader lives as long as the process")]
internal sealed class ConfigReloader
{
    private readonly string _path;
    private readonly ProxyEngine _engine;
    private readonly ILogger _logger;
    private readonly TextWriter _stdout;

    // One configuration is applied at a time: a SIGHUP, an admin reload and a sync commit may arrive together.
    private readonly SemaphoreSlim _apply = new(1, 1);
    private Func<string, CancellationToken, Task<ConfigSyncResult>>? _cluster;
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

            WarnWhenHaChanged(config);
            try
            {
                var report = await _engine.ReloadAsync(config).ConfigureAwait(false);
                Volatile.Write(ref _runningText, text);
                Recorder?.Record(text, origin);
                var message = $"configuration reloaded: {report}";
                _stdout.WriteLine($"appliance: {message}");
                return (true, message);
            }
            catch (ProxyStartException ex)
            {
                _logger.LogError("Reload refused: {Reason}", ex.Message);
                var refused = $"reload refused: {ex.Message}; the running configuration stays";
                _stdout.WriteLine($"appliance: {refused}");
                return (false, refused);
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

        WarnWhenHaChanged(config);
        var outcome = await cluster(SharedConfigText.Shared(text), cancellationToken).ConfigureAwait(false);
        if (outcome.Committed)
        {
            var message = $"configuration v{outcome.Version} committed on {outcome.Nodes.Count} node(s): {string.Join(", ", outcome.Nodes.Select(n => n.Node))}";
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

    private void WarnWhenHaChanged(ApplianceConfig next)
    {
        if (!SameHaSection(_engine.Config, next))
        {
            _logger.LogWarning("Reload: the 'ha' section changed; it is read at start only, restart the node to apply it");
        }
    }

    private static bool SameHaSection(ApplianceConfig running, ApplianceConfig next)
    {
        static string Text(ApplianceConfig config) => string.Join('\n', config.OtherSections
            .Where(s => s.Keyword == SharedConfigText.LocalSection).SelectMany(s => s.Lines).Select(l => l.ToString()));
        return Text(running) == Text(next);
    }
}
