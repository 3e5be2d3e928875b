using Appliance.Contracts;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// Planned switchover (docs/ha.md "Planned switchover"): <see cref="Resign"/> hands mastership away with the RFC 5798
/// §6.4.3 priority-0 advert and holds this router in Backup, and <see cref="OverridePriority"/> lets the chosen target
/// run at a priority that wins the election the resignation starts. Both are inputs like any other: the driver calls
/// them on its own thread with the current time, and their deadlines join <see cref="NextDeadline"/>.
/// </summary>
public sealed partial class VrrpStateMachine
{
    /// <summary>The highest priority an override may set: 255 claims address ownership (RFC 5798 §5.2.4).</summary>
    public const byte MaximumOverridePriority = 254;

    // The priority SetPriority last gave (configured minus tracker penalties); an override replaces the configured part.
    private byte _trackedPriority;

    /// <summary>
    /// While set and in the future, this router does not preempt (it accepts a lower-priority master's adverts as with
    /// <c>nopreempt</c>). It still takes over when the master goes silent for Master_Down_Interval or leaves with
    /// priority 0: a hold keeps it from taking the addresses back, never leaves them unowned. <see cref="TimeSpan.MaxValue"/>
    /// = until <see cref="Release"/>.
    /// </summary>
    public TimeSpan? HoldUntil { get; private set; }

    /// <summary>The priority <see cref="OverridePriority"/> set in place of the configured one; null = none.</summary>
    public byte? PriorityOverride { get; private set; }

    /// <summary>When the override ends; <see cref="TimeSpan.MaxValue"/> = until <see cref="Release"/>; null = no override.</summary>
    public TimeSpan? OverrideUntil { get; private set; }

    /// <summary>In Backup: the source of the last advert accepted from the master; null when none is known.</summary>
    public Ipv4Address? MasterAddress { get; private set; }

    /// <summary>
    /// After <see cref="Resign"/> (make-before-break): the resigned router still holds the virtual addresses and serves
    /// until a new master is heard. <see cref="TimeSpan.MaxValue"/> = no new master heard yet (if none appears, this
    /// router's own Master_Down_Timer makes it master again with the addresses never dropped); a finite time = a new
    /// master was heard and the addresses go when its GARP has had <see cref="HandoverGraceIntervals"/> advertisement
    /// intervals to land; null = the addresses are not retained.
    /// </summary>
    public TimeSpan? RetainAddressesUntil { get; private set; }

    /// <summary>How many of the new master's advertisement intervals the resigned router keeps serving after its first advert.</summary>
    public const int HandoverGraceIntervals = 2;

    /// <summary>True while a <see cref="Resign"/> hold is in force at <paramref name="now"/>.</summary>
    public bool IsHeld(TimeSpan now) => HoldUntil is { } until && now < until;

    /// <summary>
    /// Planned resignation. A master sends the priority-0 advert (RFC 5798 §6.4.3: the backups take over after their
    /// Skew_Time), stops its GARPs and becomes Backup with its Master_Down_Timer armed; any priority override ends. It
    /// keeps the addresses (make-before-break, <see cref="RetainAddressesUntil"/>): a client packet sent to this router's
    /// MAC before the new master's GARP lands is still served instead of dropped (a lost SYN costs the client 1 s).
    /// In every started role the router is then held for <paramref name="hold"/> (null = until <see cref="Release"/>;
    /// see <see cref="HoldUntil"/>). Nothing in Initialize.
    /// </summary>
    public VrrpDecision Resign(TimeSpan now, TimeSpan? hold)
    {
        if (hold < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(hold), hold, "a hold cannot be negative");
        }

        if (State == HaRole.Initialize)
        {
            return VrrpDecision.Nothing(State);
        }

        HoldUntil = Deadline(now, hold);
        if (State != HaRole.Master)
        {
            return VrrpDecision.Nothing(State);
        }

        PriorityOverride = null;
        OverrideUntil = null;
        Priority = ComputePriority();
        ClearTimers();
        MasterAdverIntervalCs = _options.AdvertisementIntervalCs;
        MasterDownTimerDeadline = now + VrrpTiming.FromCentiseconds(MasterDownIntervalCs);
        RetainAddressesUntil = TimeSpan.MaxValue;
        return Transition(
            HaRole.Backup, now, VrrpTransitionReason.Resigned,
            [VrrpAction.SendAdvert(VrrpConstants.ShutdownPriority), VrrpAction.StopGarp]);
    }

    /// <summary>
    /// Runs at <paramref name="priority"/> (1..254) in place of the configured priority for <paramref name="duration"/>
    /// (null = until <see cref="Release"/>); tracker penalties still apply. Null <paramref name="priority"/> ends an
    /// override. Like <see cref="SetPriority"/>, nothing is sent at once.
    /// </summary>
    public void OverridePriority(byte? priority, TimeSpan now, TimeSpan? duration)
    {
        if (priority is { } value && (value == VrrpConstants.ShutdownPriority || value > MaximumOverridePriority))
        {
            throw new ArgumentOutOfRangeException(
                nameof(priority), priority, "an override priority is 1 to 254 (0 is the shutdown advert, 255 the address owner: RFC 5798 §5.2.4)");
        }

        if (duration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "an override duration cannot be negative");
        }

        PriorityOverride = priority;
        OverrideUntil = priority is null ? null : Deadline(now, duration);
        Priority = ComputePriority();
    }

    /// <summary>Ends a <see cref="Resign"/> hold and a priority override; with preempt on, a better router takes over again.</summary>
    public void Release()
    {
        HoldUntil = null;
        PriorityOverride = null;
        OverrideUntil = null;
        Priority = ComputePriority();
    }

    /// <summary>A retaining resigned router heard a new master: the addresses go one grace later (never sooner than now).</summary>
    private void NewMasterHeard(ReceivedAdvert advert, TimeSpan now)
    {
        if (RetainAddressesUntil == TimeSpan.MaxValue)
        {
            RetainAddressesUntil = now + (HandoverGraceIntervals * VrrpTiming.FromCentiseconds(advert.MaxAdverIntervalCs));
        }
    }

    /// <summary>In Backup: the retained addresses whose grace has run out are removed.</summary>
    private VrrpAction[] ExpireRetainedAddresses(TimeSpan now)
    {
        if (State != HaRole.Backup || !(RetainAddressesUntil <= now))
        {
            return NoActions;
        }

        RetainAddressesUntil = null;
        return [VrrpAction.RemoveVirtualAddresses];
    }

    private void ExpireSwitchover(TimeSpan now)
    {
        if (HoldUntil <= now)
        {
            HoldUntil = null;
        }

        if (OverrideUntil <= now)
        {
            PriorityOverride = null;
            OverrideUntil = null;
            Priority = ComputePriority();
        }
    }

    /// <summary>The tracked priority, or the override minus the same tracker penalty (clamped like any penalty).</summary>
    private byte ComputePriority()
    {
        if (PriorityOverride is not { } priority)
        {
            return _trackedPriority;
        }

        var penalty = Math.Max(0, _options.Priority - _trackedPriority);
        return EffectivePriority.Compute(priority, penalty);
    }

    private static TimeSpan Deadline(TimeSpan now, TimeSpan? duration) =>
        duration is { } d && d < TimeSpan.MaxValue - now ? now + d : TimeSpan.MaxValue;

    private static TimeSpan? Finite(TimeSpan? deadline) => deadline == TimeSpan.MaxValue ? null : deadline;
}
