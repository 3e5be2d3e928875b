using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Driver;
using Appliance.HaAgent.Tracking;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Agent;

/// <summary>
/// A reload of the <c>ha</c> section (docs/ha.md "Reload") in two steps, so a host never leaves the node half-applied:
/// <see cref="PrepareReloadAsync"/> does everything that can fail (new trackers started, GARP sockets for new VIP
/// interfaces opened) without touching the running agent, and <see cref="HaAgentReload.CommitAsync"/> hands the new
/// options to the driver thread. The host prepares, applies the rest of its configuration, then commits or discards.
/// </summary>
public sealed partial class HaAgentService
{
    /// <summary>
    /// Compares the running section with <paramref name="next"/> (validated) and prepares its live part. Throws
    /// <see cref="InvalidOperationException"/> (or an IO/socket error) when a part cannot be prepared; the agent is
    /// then untouched.
    /// </summary>
    public async Task<HaAgentReload> PrepareReloadAsync(HaConfig next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        var plan = HaReloadPlan.Compare(Config, next);
        var effective = plan.Effective;
        if (effective.TrackProxy is not null && _options.ProxyHealth is null)
        {
            throw new InvalidOperationException("track_proxy is set but the host supplied no proxy health");
        }

        var running = Driver.Options;
        var driverOptions = VrrpDriverOptions.From(effective, running.Instance.PrimaryAddress, running.Authenticator);
        foreach (var vip in driverOptions.VirtualAddresses)
        {
            // Opens the AF_PACKET socket of an interface a new VIP names: a missing interface fails here, not at takeover.
            _garp.Prepare(vip.Device, vip.Address);
        }

        var trackers = await StartTrackersAsync(effective, _trackers, _options, _logger, cancellationToken).ConfigureAwait(false);
        return new HaAgentReload(plan, () => CommitReloadAsync(plan, driverOptions, trackers), () => DiscardAsync(trackers));
    }

    private async Task CommitReloadAsync(HaReloadPlan plan, VrrpDriverOptions driverOptions, IReadOnlyList<RunningTracker> trackers)
    {
        if (plan.Applied.Count > 0)
        {
            try
            {
                await Driver.ReconfigureAsync(driverOptions, [.. trackers.Select(t => t.Tracker)], string.Join(", ", plan.Applied)).ConfigureAwait(false);
            }
            catch
            {
                // The driver refused (or has stopped): it still runs the old options with the old trackers.
                await DiscardAsync(trackers).ConfigureAwait(false);
                throw;
            }
        }

        var dropped = _trackers.Where(t => !trackers.Contains(t)).ToList();
        _trackers = trackers;
        _notify.Change(plan.Effective.Notify, plan.Effective.NotifyTimeout);
        Volatile.Write(ref _config, plan.Effective);
        foreach (var old in dropped)
        {
            await old.Tracker.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task DiscardAsync(IReadOnlyList<RunningTracker> prepared)
    {
        foreach (var added in prepared.Where(t => !_trackers.Contains(t)))
        {
            await added.Tracker.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The trackers <paramref name="config"/> lists, in order: a running one whose configuration is unchanged is kept
    /// (with its rise/fall state), every other one is created and started (first probe now). On failure the ones started
    /// here are disposed again.
    /// </summary>
    private static async Task<IReadOnlyList<RunningTracker>> StartTrackersAsync(
        HaConfig config, IReadOnlyList<RunningTracker> running, HaAgentOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var pool = running.ToList();
        var result = new List<RunningTracker>();
        var started = new List<PollingTracker>();
        try
        {
            IEnumerable<object> wanted = [.. config.TrackInterfaces, .. config.TrackScripts];
            if (config.TrackProxy is { } proxy)
            {
                wanted = wanted.Append(proxy);
            }

            foreach (var track in wanted)
            {
                var index = pool.FindIndex(t => t.Config.Equals(track));
                if (index >= 0)
                {
                    result.Add(pool[index]);
                    pool.RemoveAt(index);
                    continue;
                }

                PollingTracker tracker = track switch
                {
                    TrackInterfaceConfig link => new InterfaceTracker(link, options.TimeProvider, logger),
                    TrackScriptConfig script => new ScriptTracker(script, options.TimeProvider, logger),
                    _ => new ProxyTracker((TrackProxyConfig)track, options.ProxyHealth!, options.TimeProvider, logger),
                };
                started.Add(tracker);
                await tracker.StartAsync(cancellationToken).ConfigureAwait(false);
                result.Add(new RunningTracker(track, tracker));
            }

            return result;
        }
        catch
        {
            foreach (var tracker in started)
            {
                await tracker.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>A started tracker and the configuration line it was built from (a reload keeps it when the line is unchanged).</summary>
    private sealed record RunningTracker(object Config, PollingTracker Tracker);
}
