using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Programs;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Tracking;

/// <summary>
/// <c>track_script NAME "COMMAND" [interval T] [weight N] [rise N] [fall N]</c>: runs the command (no shell) every
/// interval; exit 0 is a good probe. A run still going at the next interval is killed and counts as failed.
/// </summary>
public sealed class ScriptTracker : PollingTracker
{
    private readonly string[] _command;

    /// <summary>Tracks <paramref name="config"/>.</summary>
    public ScriptTracker(TrackScriptConfig config, TimeProvider time, ILogger logger)
        : base($"script {config.Name}", config.Weight, config.Interval, config.Rise, config.Fall, time, logger)
    {
        _command = ProgramRunner.SplitCommand(config.Command);
        if (_command.Length == 0)
        {
            throw new ArgumentException($"track_script {config.Name} has an empty command", nameof(config));
        }
    }

    /// <inheritdoc />
    protected override async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        var result = await ProgramRunner.RunAsync(_command[0], _command[1..], Interval, Time, cancellationToken).ConfigureAwait(false);
        if (result.StartError is not null)
        {
            throw new InvalidOperationException(result.StartError);
        }

        return result.Succeeded;
    }
}
