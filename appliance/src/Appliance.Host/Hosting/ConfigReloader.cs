using Appliance.Host.Cli;
using Appliance.Host.Store;
using Appliance.ProxyCore;
using Appliance.ProxyCore.Configuration;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Hosting;

/// <summary>
/// A reload (SIGHUP): re-reads and validates the configuration file; a valid one is applied to the running engine
/// without refusing connections, an invalid one is refused with its diagnostics and the running one stays. The
/// <c>ha</c> section is read at start only: a change to it is reported and needs a restart. Syslog targets and log
/// plans follow the new file (see <see cref="Syslog"/>).
/// </summary>
internal sealed class ConfigReloader
{
    private readonly string _path;
    private readonly ProxyEngine _engine;
    private readonly ILogger _logger;
    private readonly TextWriter _stdout;

    public ConfigReloader(string path, ProxyEngine engine, ILogger logger, TextWriter stdout)
    {
        _path = path;
        _engine = engine;
        _logger = logger;
        _stdout = stdout;
    }

    /// <summary>Records each configuration a reload applies (origin <c>reload</c>); none when null (the default).</summary>
    public ConfigRecorder? Recorder { get; init; }

    /// <summary>
    /// The syslog targets and access log, rebuilt from each applied configuration (a changed <c>log</c> line or
    /// <c>log-format</c> applies; a removed target drains and closes); untouched when null (the default).
    /// </summary>
    public Logging.SyslogLogging? Syslog { get; init; }

    /// <summary>Reloads once; the message says what happened (it starts with "reload refused" when nothing changed).</summary>
    public async Task<(bool Applied, string Message)> ReloadAsync()
    {
        var (text, result) = ConfigFileSnapshot.Load(_path);
        var ha = result.Config is null ? default : HaAgentHost.Check(result.Config);
        var errors = result.Errors.Select(d => d.ToString()).Concat(ha.Diagnostics?.Where(d => d.IsError).Select(d => d.ToString()) ?? []).ToList();
        if (!result.IsValid || result.Config is null || errors.Count > 0)
        {
            foreach (var error in errors)
            {
                _logger.LogError("Reload refused: {Diagnostic}", error);
            }

            var refused = $"reload refused ({errors.Count} error(s)); the running configuration stays\n{string.Join('\n', errors)}";
            _stdout.WriteLine($"appliance: {refused}");
            return (false, refused);
        }

        if (!SameHaSection(_engine.Config, result.Config))
        {
            _logger.LogWarning("Reload: the 'ha' section changed; it is read at start only, restart the node to apply it");
        }

        try
        {
            var report = await _engine.ReloadAsync(result.Config).ConfigureAwait(false);
            Recorder?.Record(text, ConfigOrigin.Reload);
            var syslog = Syslog is null ? null : await Syslog.ApplyAsync(result.Config).ConfigureAwait(false);
            var message = syslog is null ? $"configuration reloaded: {report}" : $"configuration reloaded: {report}; {syslog}";
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

    private static bool SameHaSection(ApplianceConfig running, ApplianceConfig next)
    {
        static string Text(ApplianceConfig config) => string.Join('\n', config.OtherSections
            .Where(s => s.Keyword == "ha").SelectMany(s => s.Lines).Select(l => l.ToString()));
        return Text(running) == Text(next);
    }
}
