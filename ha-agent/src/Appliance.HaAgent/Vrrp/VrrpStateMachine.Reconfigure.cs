using Appliance.Contracts;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// A reload of the <c>ha</c> section while the router runs (docs/ha.md "Reload"): the configured priority, the
/// advertisement interval and the preemption settings change in place, the role and every timer carry on, and the RFC
/// 5798 §6.4 rules then act on the new values exactly as on values the router started with.
/// </summary>
public sealed partial class VrrpStateMachine
{
    /// <summary>The options the machine runs with now (the start-up ones, or the last <see cref="Reconfigure"/>).</summary>
    public VrrpInstanceOptions Options => _options;

    /// <summary>
    /// Takes <paramref name="next"/> as the instance's options at <paramref name="now"/>. The VRID and the primary address
    /// identify the router and cannot change (a restart does). Nothing is sent at once:
    /// <list type="bullet">
    /// <item>Priority: the configured priority the trackers' penalties (and an override) apply to; the driver then sets
    /// the effective priority with <see cref="SetPriority"/>. A master carries it in its next advert; a master that drops
    /// below a preempting backup loses when that backup's Master_Down_Timer fires (§6.4.2), as with a tracker failure.</item>
    /// <item>Advertisement_Interval: a master's next advert goes out at the earlier of the one already scheduled and one
    /// new interval from now, and carries the new interval (§5.2.7); a backup keeps the Master_Adver_Interval it learned
    /// from its master (§6.1) and uses its own new interval once it becomes master.</item>
    /// <item>Preempt_Mode and the preempt delay: apply to the next advert; a preempt wait under way restarts from the next
    /// lower-priority advert when the delay changed, and ends when preemption was turned off.</item>
    /// </list>
    /// </summary>
    public void Reconfigure(VrrpInstanceOptions next, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.VirtualRouterId != _options.VirtualRouterId || next.PrimaryAddress != _options.PrimaryAddress)
        {
            throw new ArgumentException(
                $"the VRID ({_options.VirtualRouterId}) and primary address ({_options.PrimaryAddress}) identify the router; a restart changes them",
                nameof(next));
        }

        VrrpTiming.ValidateInterval(next.AdvertisementIntervalCs);
        ValidatePriority(next.Priority);
        if (next.PreemptDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(next), next.PreemptDelay, "preempt delay cannot be negative");
        }

        var previous = _options;
        _options = next;
        _advertisementInterval = VrrpTiming.FromCentiseconds(next.AdvertisementIntervalCs);
        if (State == HaRole.Master && AdverTimerDeadline is { } scheduled && now + _advertisementInterval < scheduled)
        {
            AdverTimerDeadline = now + _advertisementInterval;
        }

        if (!next.Preempt || next.PreemptDelay != previous.PreemptDelay)
        {
            PreemptDeadline = null;
        }

        // An override replaces the configured priority; its tracker penalty is computed against the new one.
        Priority = ComputePriority();
    }
}
