using Appliance.Contracts;
using Appliance.HaAgent.Tracking;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Driver;

/// <summary>
/// A reload of the <c>ha</c> section (docs/ha.md "Reload"): the new options and trackers are queued like a switchover
/// command and applied on the driver thread between adverts and timers, so the advert path keeps its own thread and no
/// lock is shared with the caller; the role, the timers and the learned master carry on.
/// </summary>
public sealed partial class VrrpDriver
{
    /// <summary>The options the driver runs with now (the start-up ones, or the last <see cref="ReconfigureAsync"/>).</summary>
    public VrrpDriverOptions Options => Volatile.Read(ref _options);

    /// <summary>
    /// Applies <paramref name="next"/> and <paramref name="trackers"/> (which must already be started) on the driver
    /// thread; completes with the role after. The VRID, the primary address and the authenticator cannot change (a
    /// restart does): the task then fails with <see cref="ArgumentException"/> and nothing changed. What follows:
    /// <list type="bullet">
    /// <item>priority, advert interval, preemption: <see cref="VrrpStateMachine.Reconfigure"/>, then the effective
    /// priority is recomputed with the new trackers;</item>
    /// <item>a dropped VIP is removed from its interface whatever the role; a new VIP is added when this node holds the
    /// addresses (master, or a resigned node still serving), and a master sends a GARP burst for its addresses;</item>
    /// <item>adverts go to the new destinations and carry the new interval and address list from the next one; in unicast
    /// mode only the new peers are accepted; GARP timing follows the new <c>garp_*</c> values.</item>
    /// </list>
    /// </summary>
    public Task<HaRole> ReconfigureAsync(VrrpDriverOptions next, IReadOnlyList<ITracker> trackers, string what = "reload")
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(trackers);
        var running = Options;
        if (next.Instance.VirtualRouterId != running.Instance.VirtualRouterId || next.Instance.PrimaryAddress != running.Instance.PrimaryAddress)
        {
            return Task.FromException<HaRole>(new ArgumentException($"{Name}: the VRID and the advert source address cannot change without a restart", nameof(next)));
        }

        if (!ReferenceEquals(next.Authenticator, running.Authenticator))
        {
            return Task.FromException<HaRole>(new ArgumentException($"{Name}: the authentication key cannot change without a restart", nameof(next)));
        }

        return Enqueue(what, (machine, now) => ApplyReload(machine, next, trackers, now), reload: true);
    }

    private VrrpDecision ApplyReload(VrrpStateMachine machine, VrrpDriverOptions next, IReadOnlyList<ITracker> trackers, TimeSpan now)
    {
        // The machine validates first and throws before anything changed.
        machine.Reconfigure(next.Instance, now);
        var previous = _options;
        SwapTrackers(trackers);
        Volatile.Write(ref _options, next);
        _adverts.Reconfigure(next);
        _receiver.Filter.AllowedSources = next.AllowedSources;
        var master = machine.State == HaRole.Master;
        _pacer.Reconfigure(next.VirtualAddresses, next.Garp, now, master);

        var removed = previous.VirtualAddresses.Except(next.VirtualAddresses).ToList();
        var added = next.VirtualAddresses.Except(previous.VirtualAddresses).ToList();
        if (removed.Count > 0)
        {
            // Whatever the role: a node that does not list an address must not answer for it.
            ChangeAddresses(removed, add: false);
        }

        if (added.Count > 0 && (master || machine.RetainAddressesUntil is not null))
        {
            ChangeAddresses(added, add: true);
            if (master)
            {
                _pacer.Burst(now);
            }
        }

        ApplyTrackers(force: true);
        SendDueGarps(now);
        return VrrpDecision.Nothing(machine.State);
    }

    private void SwapTrackers(IReadOnlyList<ITracker> trackers)
    {
        foreach (var old in _trackers.Where(t => !trackers.Contains(t)))
        {
            old.HealthChanged -= OnTrackerChanged;
        }

        foreach (var added in trackers.Where(t => !_trackers.Contains(t)))
        {
            added.HealthChanged += OnTrackerChanged;
        }

        Volatile.Write(ref _trackers, trackers);
    }
}
