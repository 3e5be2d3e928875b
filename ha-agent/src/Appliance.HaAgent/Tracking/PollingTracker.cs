using Appliance.HaAgent.Driver;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Tracking;

/// <summary>
/// A tracker that probes on a schedule (from the injected <see cref="TimeProvider"/>) and applies rise/fall: it turns
/// failed after <see cref="Fall"/> consecutive failed probes and healthy again after <see cref="Rise"/> consecutive good
/// ones (keepalived's vrrp_script semantics). Probes run one at a time on the thread pool, never on the advert threads.
/// </summary>
public abstract class PollingTracker : ITracker, IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _healthy = 1;
    private int _streak;

    /// <summary>Sets the schedule and thresholds.</summary>
    protected PollingTracker(string name, int weight, TimeSpan interval, int rise, int fall, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rise, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(fall, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Name = name;
        Weight = weight;
        Interval = interval;
        Rise = rise;
        Fall = fall;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Weight { get; }

    /// <summary>Time between the starts of two probes.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Consecutive good probes to become healthy.</summary>
    public int Rise { get; }

    /// <summary>Consecutive failed probes to become failed.</summary>
    public int Fall { get; }

    /// <inheritdoc />
    public bool IsHealthy => Volatile.Read(ref _healthy) == 1;

    /// <inheritdoc />
    public event EventHandler? HealthChanged;

    /// <summary>The injected clock, for probes that need a timeout.</summary>
    protected TimeProvider Time => _time;

    /// <summary>
    /// Runs the first probe now (so the driver starts with a priority that reflects it: with fall 1 a down link is
    /// known before the first election), then keeps probing every <see cref="Interval"/>.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ProbeOnceAsync(cancellationToken).ConfigureAwait(false);
        _loop = LoopAsync(_stop.Token);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>One probe: true when what is tracked is healthy. Exceptions count as a failed probe.</summary>
    protected abstract Task<bool> ProbeAsync(CancellationToken cancellationToken);

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Interval, _time, cancellationToken).ConfigureAwait(false);
                await ProbeOnceAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task ProbeOnceAsync(CancellationToken cancellationToken)
    {
        bool good;
        try
        {
            good = await ProbeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            HaLog.TrackerCheckError(_logger, Name, e.Message);
            good = false;
        }

        Record(good);
    }

    /// <summary>Applies one probe result to the rise/fall counters; raises <see cref="HealthChanged"/> on a change.</summary>
    internal void Record(bool good)
    {
        var healthy = IsHealthy;
        if (good == healthy)
        {
            _streak = 0;
            return;
        }

        _streak++;
        if (_streak < (healthy ? Fall : Rise))
        {
            return;
        }

        _streak = 0;
        Volatile.Write(ref _healthy, good ? 1 : 0);
        HaLog.TrackerChanged(_logger, Name, good ? "healthy" : "failed");
        HealthChanged?.Invoke(this, EventArgs.Empty);
    }
}
