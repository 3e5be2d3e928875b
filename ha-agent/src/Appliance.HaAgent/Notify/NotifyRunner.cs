using System.Globalization;
using System.Threading.Channels;
using Appliance.HaAgent.Driver;
using Appliance.HaAgent.Events;
using Appliance.HaAgent.Programs;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Notify;

/// <summary>
/// Runs the <c>notify</c> program once per role change, in event order, one at a time, each killed after
/// <c>notify_timeout</c>. Arguments as keepalived's notify: <c>INSTANCE NAME STATE PRIORITY</c>, e.g.
/// <c>INSTANCE vrid51 MASTER 150</c>; STATE is MASTER, BACKUP or STOP (the instance stopped). Runs on the thread
/// pool: a slow program delays later notifications, never an advert.
/// </summary>
public sealed class NotifyRunner : IAsyncDisposable
{
    // Replaced by a reload (Change); the loop reads both once per event.
    private Settings _settings;
    private readonly ChannelReader<RoleChangeEvent> _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Task _loop;

    /// <summary>Starts delivering <paramref name="events"/> to <paramref name="program"/> (null: none yet, the events are read and dropped).</summary>
    public NotifyRunner(string? program, TimeSpan timeout, ChannelReader<RoleChangeEvent> events, TimeProvider time, ILogger logger)
    {
        _settings = new Settings(program, timeout);
        _events = events;
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The argument vector for <paramref name="change"/>.</summary>
    public static IReadOnlyList<string> Arguments(RoleChangeEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return ["INSTANCE", change.Instance, RoleChangeEvent.StateWord(change.To), change.Priority.ToString(CultureInfo.InvariantCulture)];
    }

    /// <summary>The program run now; null = none.</summary>
    public string? Program => Volatile.Read(ref _settings).Program;

    /// <summary>
    /// A reload: events from the next one on go to <paramref name="program"/> (null = none) with <paramref name="timeout"/>;
    /// a program already running finishes under its old timeout.
    /// </summary>
    public void Change(string? program, TimeSpan timeout) => Volatile.Write(ref _settings, new Settings(program, timeout));

    /// <summary>Completes when every event of the (completed) stream has been delivered.</summary>
    public Task Completion => _loop;

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _loop.ConfigureAwait(false);

    private async Task RunAsync()
    {
        await foreach (var change in _events.ReadAllAsync().ConfigureAwait(false))
        {
            if (Volatile.Read(ref _settings) is not { Program: { } program, Timeout: var timeout })
            {
                continue;
            }

            var arguments = Arguments(change);
            var shown = string.Join(' ', arguments);
            var result = await ProgramRunner.RunAsync(program, arguments, timeout, _time, CancellationToken.None).ConfigureAwait(false);
            if (result.StartError is { } error)
            {
                HaLog.NotifyFailed(_logger, program, shown, error);
            }
            else if (result.TimedOut)
            {
                HaLog.NotifyTimedOut(_logger, program, shown, timeout);
            }
            else
            {
                HaLog.NotifyRan(_logger, program, shown, result.ExitCode);
            }
        }
    }

    private sealed record Settings(string? Program, TimeSpan Timeout);
}
