using Appliance.Contracts;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// The RFC 5798 §6.4 state machine of one virtual router, pure: no clock, no sockets, no threads. Inputs are method
/// calls carrying the current monotonic time; the machine keeps its own deadlines (Adver_Timer, Master_Down_Timer,
/// the preempt delay and the dual-master watch) and the driver calls <see cref="OnTimer"/> at <see cref="NextDeadline"/>.
/// Not thread-safe: one driver loop owns it.
/// </summary>
public sealed partial class VrrpStateMachine
{
    private static readonly VrrpAction[] NoActions = [];

    // Replaced only by Reconfigure (a reload), on the driver thread like every other input.
    private VrrpInstanceOptions _options;
    private TimeSpan _advertisementInterval;

    // When another master lost to us, the watch stays open until that master has been silent for the Master_Down_Interval
    // it would itself use as a backup (§6.1), i.e. until it has surely stepped down.
    private TimeSpan? _dualMasterQuietDeadline;

    /// <summary>Creates the machine in Initialize; call <see cref="Start"/> to run it.</summary>
    public VrrpStateMachine(VrrpInstanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        VrrpTiming.ValidateInterval(options.AdvertisementIntervalCs);
        ValidatePriority(options.Priority);
        if (options.PreemptDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PreemptDelay, "preempt delay cannot be negative");
        }

        _options = options;
        _advertisementInterval = VrrpTiming.FromCentiseconds(options.AdvertisementIntervalCs);
        Priority = options.Priority;
        _trackedPriority = options.Priority;
        MasterAdverIntervalCs = options.AdvertisementIntervalCs;
    }

    /// <summary>The current role (RFC 5798 §6.4). Starts as <see cref="HaRole.Initialize"/>.</summary>
    public HaRole State { get; private set; } = HaRole.Initialize;

    /// <summary>The effective priority sent in adverts and used in elections; starts at the configured priority.</summary>
    public byte Priority { get; private set; }

    /// <summary>Master_Adver_Interval (RFC 5798 §6.1): learned from the master's adverts while in Backup.</summary>
    public int MasterAdverIntervalCs { get; private set; }

    /// <summary>Skew_Time for the current priority and Master_Adver_Interval (RFC 5798 §6.1), in centiseconds.</summary>
    public int SkewTimeCs => VrrpTiming.SkewTimeCs(Priority, MasterAdverIntervalCs);

    /// <summary>Master_Down_Interval for the current priority and Master_Adver_Interval (RFC 5798 §6.1), in centiseconds.</summary>
    public int MasterDownIntervalCs => VrrpTiming.MasterDownIntervalCs(Priority, MasterAdverIntervalCs);

    /// <summary>When Adver_Timer fires; set only in Master.</summary>
    public TimeSpan? AdverTimerDeadline { get; private set; }

    /// <summary>When Master_Down_Timer fires; set only in Backup.</summary>
    public TimeSpan? MasterDownTimerDeadline { get; private set; }

    /// <summary>In Backup with a preempt delay: when this router stops accepting the lower-priority master.</summary>
    public TimeSpan? PreemptDeadline { get; private set; }

    /// <summary>The earliest time <see cref="OnTimer"/> has work to do, or null when no timer runs.</summary>
    public TimeSpan? NextDeadline =>
        Earliest(Earliest(Earliest(AdverTimerDeadline, MasterDownTimerDeadline), _dualMasterQuietDeadline), Earliest(Earliest(Finite(HoldUntil), Finite(OverrideUntil)), Finite(RetainAddressesUntil)));

    /// <summary>
    /// The Startup event (RFC 5798 §6.4.1). The owner (priority 255) advertises, adds the addresses, sends GARP and is
    /// Master; anyone else removes any addresses a crashed predecessor left behind and waits in Backup.
    /// </summary>
    public VrrpDecision Start(TimeSpan now)
    {
        if (State != HaRole.Initialize)
        {
            throw new InvalidOperationException($"Startup is an event of the Initialize state (state is {State})");
        }

        if (Priority == VrrpConstants.OwnerPriority)
        {
            return EnterMaster(now, VrrpTransitionReason.StartupAsOwner);
        }

        MasterAdverIntervalCs = _options.AdvertisementIntervalCs;
        MasterDownTimerDeadline = now + VrrpTiming.FromCentiseconds(MasterDownIntervalCs);
        return Transition(HaRole.Backup, now, VrrpTransitionReason.StartupAsBackup, [VrrpAction.RemoveVirtualAddresses]);
    }

    /// <summary>
    /// The Shutdown event (RFC 5798 §6.4.2, §6.4.3): a master advertises priority 0 so backups take over after
    /// Skew_Time; every role removes the addresses (DESIGN: no exit path leaves the VIP behind). Nothing in Initialize.
    /// </summary>
    public VrrpDecision Shutdown(TimeSpan now)
    {
        if (State == HaRole.Initialize)
        {
            return VrrpDecision.Nothing(State);
        }

        VrrpAction[] actions = State == HaRole.Master
            ? [VrrpAction.SendAdvert(VrrpConstants.ShutdownPriority), VrrpAction.RemoveVirtualAddresses]
            : [VrrpAction.RemoveVirtualAddresses];
        ClearTimers();
        RetainAddressesUntil = null;
        return Transition(HaRole.Initialize, now, VrrpTransitionReason.Shutdown, actions);
    }

    /// <summary>Fires every timer whose deadline is at or before <paramref name="now"/>.</summary>
    public VrrpDecision OnTimer(TimeSpan now)
    {
        ExpireSwitchover(now);
        switch (State)
        {
            case HaRole.Backup when MasterDownTimerDeadline <= now:
                // §6.4.2: Master_Down_Timer fired.
                return EnterMaster(now, MasterDownReason());

            case HaRole.Backup:
                return new VrrpDecision(State, ExpireRetainedAddresses(now), null);

            case HaRole.Master:
                var actions = new List<VrrpAction>(2);
                if (AdverTimerDeadline <= now)
                {
                    // §6.4.3: Adver_Timer fired.
                    actions.Add(VrrpAction.SendAdvert(Priority));
                    AdverTimerDeadline = now + _advertisementInterval;
                }

                if (_dualMasterQuietDeadline <= now)
                {
                    _dualMasterQuietDeadline = null;
                    actions.Add(VrrpAction.SendGarpBurst(GarpReason.DualMasterResolved));
                }

                return new VrrpDecision(State, actions.Count == 0 ? NoActions : actions, null);

            default:
                return VrrpDecision.Nothing(State);
        }
    }

    /// <summary>
    /// An advert for this VRID that passed every receive check (RFC 5798 §7.1). Adverts from our own primary address
    /// are ignored. Does nothing in Initialize.
    /// </summary>
    public VrrpDecision OnAdvert(ReceivedAdvert advert, TimeSpan now)
    {
        VrrpTiming.ValidateInterval(advert.MaxAdverIntervalCs);
        ExpireSwitchover(now);
        if (advert.Source == _options.PrimaryAddress)
        {
            // Our own multicast looped back (IP_MULTICAST_LOOP) or a spoof of our address: never an election input.
            return VrrpDecision.Nothing(State);
        }

        return State switch
        {
            HaRole.Backup => BackupReceives(advert, now),
            HaRole.Master => MasterReceives(advert, now),
            _ => VrrpDecision.Nothing(State),
        };
    }

    /// <summary>
    /// Sets the effective priority (see <see cref="EffectivePriority"/>), 1..255. Nothing is sent at once: a master
    /// carries the new priority in its next advert, and a backup's next Master_Down_Interval uses the new Skew_Time.
    /// A master that drops below a preempting backup loses when that backup's Master_Down_Timer fires. With a
    /// <see cref="OverridePriority"/> in force the override replaces the configured priority and the same penalty applies.
    /// </summary>
    public void SetPriority(byte priority)
    {
        ValidatePriority(priority);
        _trackedPriority = priority;
        Priority = ComputePriority();
    }

    private VrrpDecision BackupReceives(ReceivedAdvert advert, TimeSpan now)
    {
        if (advert.Priority == VrrpConstants.ShutdownPriority)
        {
            // §6.4.2: the master is leaving; take over after Skew_Time rather than Master_Down_Interval.
            MasterDownTimerDeadline = now + VrrpTiming.FromCentiseconds(SkewTimeCs);
            MasterAddress = null;
            _masterGoneReported = false;
            return VrrpDecision.Nothing(State);
        }

        if (_options.Preempt && !IsHeld(now) && advert.Priority < Priority && !WithinPreemptDelay(now))
        {
            // §6.4.2: discard, so Master_Down_Timer fires and this router preempts.
            return VrrpDecision.Nothing(State);
        }

        if (advert.Priority >= Priority)
        {
            // A master at least as good as us: any preempt wait we had started is over.
            PreemptDeadline = null;
        }

        MasterAdverIntervalCs = advert.MaxAdverIntervalCs;
        MasterDownTimerDeadline = now + VrrpTiming.FromCentiseconds(MasterDownIntervalCs);
        MasterAddress = advert.Source;
        _masterGoneReported = false;
        NewMasterHeard(advert, now);
        return VrrpDecision.Nothing(State);
    }

    private bool WithinPreemptDelay(TimeSpan now)
    {
        if (_options.PreemptDelay == TimeSpan.Zero)
        {
            return false;
        }

        // keepalived semantics: the delay runs from the first lower-priority advert seen since the last time a
        // master at least as good as us was heard.
        PreemptDeadline ??= now + _options.PreemptDelay;
        return now < PreemptDeadline;
    }

    private VrrpDecision MasterReceives(ReceivedAdvert advert, TimeSpan now)
    {
        if (advert.Priority == VrrpConstants.ShutdownPriority)
        {
            // §6.4.3: someone claiming mastership is leaving; reassert at once.
            AdverTimerDeadline = now + _advertisementInterval;
            return new VrrpDecision(State, [VrrpAction.SendAdvert(Priority)], null);
        }

        if (advert.Priority > Priority || (advert.Priority == Priority && advert.Source > _options.PrimaryAddress))
        {
            // §6.4.3: the other master wins.
            var reason = advert.Priority > Priority
                ? VrrpTransitionReason.HigherPriorityAdvert
                : VrrpTransitionReason.EqualPriorityHigherAddress;
            ClearTimers();
            MasterAdverIntervalCs = advert.MaxAdverIntervalCs;
            MasterDownTimerDeadline = now + VrrpTiming.FromCentiseconds(MasterDownIntervalCs);
            return Transition(HaRole.Backup, now, reason, [VrrpAction.RemoveVirtualAddresses], advert);
        }

        // §6.4.3 says discard. A dual-master episode is under way and we win it: advertise at once so the loser steps
        // down now rather than at our next Adver_Timer, and send GARP because hosts may have learned the loser's MAC
        // (DESIGN: the incumbents leave those hosts stale for hours). One burst per episode; another when it ends.
        var quietFor = VrrpTiming.FromCentiseconds(VrrpTiming.MasterDownIntervalCs(advert.Priority, advert.MaxAdverIntervalCs));
        var episodeWasOpen = _dualMasterQuietDeadline is not null;
        _dualMasterQuietDeadline = Latest(_dualMasterQuietDeadline, now + quietFor);
        AdverTimerDeadline = now + _advertisementInterval;
        return episodeWasOpen
            ? new VrrpDecision(State, [VrrpAction.SendAdvert(Priority)], null)
            : new VrrpDecision(
                State,
                [VrrpAction.SendAdvert(Priority), VrrpAction.SendGarpBurst(GarpReason.DualMasterDetected)],
                null);
    }

    private VrrpDecision EnterMaster(TimeSpan now, VrrpTransitionReason reason)
    {
        // §6.4.1 / §6.4.2: send an advert, broadcast GARP for each address, set Adver_Timer, become Master. A hold ends:
        // the master it deferred to is gone, and this router serves rather than leaving the addresses unowned.
        ClearTimers();
        HoldUntil = null;
        RetainAddressesUntil = null;
        AdverTimerDeadline = now + _advertisementInterval;
        return Transition(
            HaRole.Master,
            now,
            reason,
            [VrrpAction.SendAdvert(Priority), VrrpAction.AddVirtualAddresses, VrrpAction.SendGarpBurst(GarpReason.BecameMaster)]);
    }

    private VrrpDecision Transition(
        HaRole to, TimeSpan now, VrrpTransitionReason reason, VrrpAction[] actions, ReceivedAdvert? cause = null)
    {
        MasterAddress = to == HaRole.Backup ? cause?.Source : null;
        var transition = new VrrpTransition(
            _options.VirtualRouterId, State, to, reason, now, cause?.Source, cause?.Priority);
        State = to;
        return new VrrpDecision(to, actions, transition);
    }

    private void ClearTimers()
    {
        _masterGoneReported = false;
        AdverTimerDeadline = null;
        MasterDownTimerDeadline = null;
        PreemptDeadline = null;
        _dualMasterQuietDeadline = null;
    }

    private static void ValidatePriority(byte priority)
    {
        if (priority == VrrpConstants.ShutdownPriority)
        {
            throw new ArgumentOutOfRangeException(
                nameof(priority), priority, "priority 0 is reserved for the shutdown advert (RFC 5798 §5.2.4)");
        }
    }

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static TimeSpan? Latest(TimeSpan? a, TimeSpan b) => a is { } value && value > b ? value : b;
}
