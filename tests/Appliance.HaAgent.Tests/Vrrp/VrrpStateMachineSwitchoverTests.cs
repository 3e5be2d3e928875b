using Appliance.Contracts;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;
using static Appliance.HaAgent.Tests.Vrrp.VrrpMachines;

namespace Appliance.HaAgent.Tests.Vrrp;

/// <summary>Planned switchover: <see cref="VrrpStateMachine.Resign"/>, holds and priority overrides on explicit times.</summary>
public sealed class VrrpStateMachineSwitchoverTests
{
    private static readonly Ipv4Address Third = Address("10.0.0.30");

    [Fact]
    public void Resign_Master_SendsPriorityZeroKeepsVipsAndBecomesHeldBackup()
    {
        var machine = MasterByTimeout(150);
        var now = Start + Ms(5000);

        var decision = machine.Resign(now, TimeSpan.FromSeconds(30));

        // Make-before-break: the addresses stay (only the GARPs stop) until a new master is heard.
        Assert.Equal([VrrpAction.SendAdvert(0), VrrpAction.StopGarp], decision.Actions);
        Assert.Equal(TimeSpan.MaxValue, machine.RetainAddressesUntil);
        AssertTransition(decision, HaRole.Master, HaRole.Backup, VrrpTransitionReason.Resigned);
        Assert.Null(machine.AdverTimerDeadline);
        // 3 × 100 cs + (256 − 150) × 100 / 256 = 341 cs: the router still takes over if nobody else does.
        Assert.Equal(now + Ms(3410), machine.MasterDownTimerDeadline);
        Assert.Equal(now + TimeSpan.FromSeconds(30), machine.HoldUntil);
        Assert.True(machine.IsHeld(now + Ms(29_990)));
        Assert.False(machine.IsHeld(now + TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Resign_PreemptingMasterAndLowerBackup_BackupTakesOverAfterSkewTimeAndHeldNodeStaysBackup()
    {
        var (a, b, now) = Pair();
        var log = new Log();

        Broadcast(a.Resign(now, TimeSpan.FromSeconds(10)), Local, now, log, (a, Local), (b, Higher));
        var resigned = now;
        Run(ref now, TimeSpan.FromSeconds(9), log, (a, Local), (b, Higher));

        Assert.Equal(
            [(Local, HaRole.Master, HaRole.Backup, VrrpTransitionReason.Resigned), (Higher, HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown)],
            log.Changes);
        // B (priority 100) waited only its Skew_Time after the priority-0 advert: (256 − 100) × 100 / 256 = 60 cs (§6.4.2).
        Assert.Equal(resigned + Ms(600), log[1].Transition.At);
        // A (150) accepts B's priority-100 adverts while held, as with nopreempt.
        Assert.Equal(HaRole.Backup, a.State);
        Assert.Equal(Higher, a.MasterAddress);
    }

    [Fact]
    public void Resign_NewMasterHeard_VipsRemovedTwoAdvertIntervalsAfterItsFirstAdvert()
    {
        var (a, b, now) = Pair();
        var log = new Log();
        var removals = new List<TimeSpan>();

        Broadcast(a.Resign(now, TimeSpan.FromSeconds(10)), Local, now, log, (a, Local), (b, Higher));
        var resigned = now;
        var end = now + TimeSpan.FromSeconds(4);
        while (now < end)
        {
            now += Ms(10);
            var own = a.OnTimer(now);
            if (own.Actions.Contains(VrrpAction.RemoveVirtualAddresses))
            {
                removals.Add(now);
            }

            Broadcast(own, Local, now, log, (a, Local), (b, Higher));
            Broadcast(b.OnTimer(now), Higher, now, log, (a, Local), (b, Higher));
        }

        // B became master (and sent its first advert) at resign + 600 ms; A served until 2 × 100 cs later, then let go once.
        Assert.Equal(resigned + Ms(600), log.Single(e => e.Router == Higher).Transition.At);
        Assert.Equal([resigned + Ms(600) + Ms(2000)], removals);
        Assert.Null(a.RetainAddressesUntil);
        Assert.Equal(HaRole.Backup, a.State);
    }

    [Fact]
    public void Resign_NobodyTakesOver_BecomesMasterAgainWithoutEverRemovingVips()
    {
        var machine = MasterByTimeout(150);
        var now = Start + Ms(5000);
        var actions = new List<VrrpAction>(machine.Resign(now, hold: null).Actions);

        VrrpDecision decision;
        do
        {
            now += Ms(10);
            decision = machine.OnTimer(now);
            actions.AddRange(decision.Actions);
        }
        while (decision.State == HaRole.Backup && now < Start + TimeSpan.FromSeconds(20));

        // No other router answered the priority-0 advert: after its own Master_Down_Interval (341 cs) it serves again.
        AssertTransition(decision, HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown);
        Assert.Equal(Start + Ms(5000) + Ms(3410), now);
        Assert.DoesNotContain(VrrpAction.RemoveVirtualAddresses, actions);
        Assert.Null(machine.RetainAddressesUntil);
    }

    [Fact]
    public void Resign_RetainingAndShutdown_RemovesVipsAndStopsRetaining()
    {
        var machine = MasterByTimeout(150);
        machine.Resign(Start + Ms(5000), hold: null);

        var decision = machine.Shutdown(Start + Ms(5010));

        Assert.Equal([VrrpAction.RemoveVirtualAddresses], decision.Actions);
        Assert.Null(machine.RetainAddressesUntil);
    }

    [Fact]
    public void Resign_NewMasterHeard_GraceIsANextDeadline()
    {
        var machine = MasterByTimeout(150);
        machine.Resign(Start + Ms(5000), hold: null);

        machine.OnAdvert(new ReceivedAdvert(Higher, 100, 50), Start + Ms(5600));

        Assert.Equal(Start + Ms(5600) + Ms(1000), machine.RetainAddressesUntil);
        Assert.Equal(machine.RetainAddressesUntil, machine.NextDeadline);
        Assert.Equal([VrrpAction.RemoveVirtualAddresses], machine.OnTimer(Start + Ms(6600)).Actions);
        Assert.Empty(machine.OnTimer(Start + Ms(6700)).Actions);
    }

    [Fact]
    public void Resign_HoldEnds_PreemptingNodeTakesBackAfterMasterDownInterval()
    {
        var (a, b, now) = Pair();
        var log = new Log();
        Broadcast(a.Resign(now, TimeSpan.FromSeconds(10)), Local, now, log, (a, Local), (b, Higher));
        var holdEnds = now + TimeSpan.FromSeconds(10);

        Run(ref now, TimeSpan.FromSeconds(20), log, (a, Local), (b, Higher));

        Assert.Equal(HaRole.Master, a.State);
        Assert.Equal(HaRole.Backup, b.State);
        Assert.DoesNotContain(log, e => e.Router == Local && e.Transition.To == HaRole.Master && e.Transition.At < holdEnds);
        var back = log.Single(e => e.Router == Local && e.Transition.To == HaRole.Master).Transition;
        // A's Master_Down_Interval (341 cs) from B's last advert accepted before the hold ended (at most 1 s before it).
        Assert.InRange(back.At, holdEnds + Ms(3410 - 1000), holdEnds + Ms(3410));
        Assert.Null(a.HoldUntil);
    }

    [Fact]
    public void Resign_HeldBackupAndMasterGoesSilent_TakesOverAtMasterDownInterval()
    {
        var (a, b, now) = Pair();
        var log = new Log();
        Broadcast(a.Resign(now, hold: null), Local, now, log, (a, Local), (b, Higher));
        Run(ref now, TimeSpan.FromSeconds(2), log, (a, Local), (b, Higher));
        Assert.Equal(HaRole.Master, b.State);

        // B dies without a goodbye: the hold never leaves the addresses unowned.
        var lastHeard = now;
        for (var at = now; a.State != HaRole.Master && at < now + TimeSpan.FromSeconds(10); at += Ms(10))
        {
            var decision = a.OnTimer(at);
            if (decision.State == HaRole.Master)
            {
                AssertTransition(decision, HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown);
                Assert.Contains(VrrpAction.AddVirtualAddresses, decision.Actions);
            }
        }

        Assert.Equal(HaRole.Master, a.State);
        Assert.Null(a.HoldUntil);
        Assert.True(a.AdverTimerDeadline > lastHeard);
    }

    [Fact]
    public void Resign_Backup_HoldsWithoutTransition()
    {
        var machine = StartedBackup();

        var decision = machine.Resign(Start + Ms(100), hold: null);

        Assert.Empty(decision.Actions);
        Assert.Null(decision.Transition);
        Assert.Equal(TimeSpan.MaxValue, machine.HoldUntil);
        Assert.True(machine.IsHeld(TimeSpan.FromDays(3650)));
        // An indefinite hold is no deadline: the machine still wakes for its Master_Down_Timer only.
        Assert.Equal(machine.MasterDownTimerDeadline, machine.NextDeadline);
    }

    [Fact]
    public void Resign_Initialize_DoesNothing()
    {
        var machine = Machine();

        Assert.Equal(VrrpDecision.Nothing(HaRole.Initialize).Actions, machine.Resign(Start, TimeSpan.FromSeconds(1)).Actions);
        Assert.Null(machine.HoldUntil);
    }

    [Fact]
    public void Resign_NegativeHold_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MasterByTimeout(150).Resign(Start, TimeSpan.FromSeconds(-1)));

        Assert.StartsWith("a hold cannot be negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverridePriority_ChosenBackupOfThree_WinsWhenMasterResigns()
    {
        // A (200) master; B (150) and C (100) backups. C is the operator's target: it overrides to 254, A resigns.
        var a = Machine(200);
        var b = new VrrpStateMachine(new VrrpInstanceOptions(51, Higher, 150));
        var c = new VrrpStateMachine(new VrrpInstanceOptions(51, Third, 100));
        var now = Start;
        a.Start(now);
        b.Start(now);
        c.Start(now);
        (VrrpStateMachine, Ipv4Address)[] routers = [(a, Local), (b, Higher), (c, Third)];
        Run(ref now, TimeSpan.FromSeconds(6), new Log(), routers);
        Assert.Equal((HaRole.Master, HaRole.Backup, HaRole.Backup), (a.State, b.State, c.State));

        var log = new Log();
        c.OverridePriority(254, now, TimeSpan.FromMinutes(5));
        Broadcast(a.Resign(now, TimeSpan.FromMinutes(5)), Local, now, log, routers);
        var resigned = now;
        Run(ref now, TimeSpan.FromSeconds(10), log, routers);

        Assert.Equal((HaRole.Backup, HaRole.Backup, HaRole.Master), (a.State, b.State, c.State));
        // C's Skew_Time at 254 is (256 − 254) × 100 / 256 = 0 cs (B's at 150 is 41 cs): C takes over at its first timer
        // and its priority-254 adverts keep B in Backup.
        Assert.Equal(
            [(Local, HaRole.Master, HaRole.Backup, VrrpTransitionReason.Resigned), (Third, HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown)],
            log.Changes);
        Assert.Equal(resigned + Ms(10), log[1].Transition.At);
        Assert.Equal(254, c.Priority);
    }

    [Fact]
    public void OverridePriority_TrackerPenalty_StillApplies()
    {
        var machine = Machine(100);
        machine.SetPriority(EffectivePriority.Compute(100, failedWeights: 50));

        machine.OverridePriority(200, Start, duration: null);

        Assert.Equal(150, machine.Priority);
        machine.SetPriority(100);
        Assert.Equal(200, machine.Priority);
    }

    [Fact]
    public void OverridePriority_DurationEnds_ConfiguredPriorityReturnsAtDeadline()
    {
        var machine = MasterByTimeout(100);
        var now = Start + Ms(4000);
        machine.OverridePriority(250, now, TimeSpan.FromSeconds(2));
        Assert.Equal(now + TimeSpan.FromSeconds(2), machine.OverrideUntil);
        Assert.True(machine.NextDeadline <= machine.OverrideUntil);

        Assert.Equal([VrrpAction.SendAdvert(250)], machine.OnTimer(machine.AdverTimerDeadline!.Value).Actions);
        machine.OnTimer(now + TimeSpan.FromSeconds(2));

        Assert.Equal(100, machine.Priority);
        Assert.Null(machine.PriorityOverride);
        Assert.Equal([VrrpAction.SendAdvert(100)], machine.OnTimer(machine.AdverTimerDeadline!.Value).Actions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    public void OverridePriority_OutOfRange_Throws(byte priority)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Machine().OverridePriority(priority, Start, null));

        Assert.StartsWith("an override priority is 1 to 254", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Release_HoldAndOverride_BothEnd()
    {
        var machine = StartedBackup();
        machine.OverridePriority(200, Start, null);
        machine.Resign(Start, null);

        machine.Release();

        Assert.Null(machine.HoldUntil);
        Assert.Null(machine.PriorityOverride);
        Assert.Equal(100, machine.Priority);
        Assert.False(machine.IsHeld(Start));
    }

    /// <summary>A (150, 10.0.0.10) master and B (100, 10.0.0.20) backup after 6 s of adverts.</summary>
    private static (VrrpStateMachine A, VrrpStateMachine B, TimeSpan Now) Pair()
    {
        var a = Machine(150);
        var b = new VrrpStateMachine(new VrrpInstanceOptions(51, Higher, 100));
        var now = Start;
        a.Start(now);
        b.Start(now);
        Run(ref now, TimeSpan.FromSeconds(6), new Log(), (a, Local), (b, Higher));
        Assert.Equal((HaRole.Master, HaRole.Backup), (a.State, b.State));
        return (a, b, now);
    }

    /// <summary>Runs the routers on a lossless link in 10 ms steps: every advert reaches every other router at once.</summary>
    private static void Run(ref TimeSpan now, TimeSpan duration, Log log, params (VrrpStateMachine Machine, Ipv4Address Address)[] routers)
    {
        var end = now + duration;
        while (now < end)
        {
            now += Ms(10);
            foreach (var (machine, address) in routers)
            {
                Broadcast(machine.OnTimer(now), address, now, log, routers);
            }
        }
    }

    /// <summary>Records <paramref name="decision"/>'s transition and hands its adverts to every router but the sender.</summary>
    private static void Broadcast(VrrpDecision decision, Ipv4Address from, TimeSpan now, Log log, params (VrrpStateMachine Machine, Ipv4Address Address)[] routers)
    {
        if (decision.Transition is { } own)
        {
            log.Add((from, own));
        }

        foreach (var action in decision.Actions.Where(a => a.Kind == VrrpActionKind.SendAdvert))
        {
            foreach (var (other, address) in routers.Where(r => r.Address != from))
            {
                if (other.OnAdvert(new ReceivedAdvert(from, action.Priority, 100), now).Transition is { } caused)
                {
                    log.Add((address, caused));
                }
            }
        }
    }

    /// <summary>Who changed role, and how.</summary>
    private sealed class Log : List<(Ipv4Address Router, VrrpTransition Transition)>
    {
        public IEnumerable<(Ipv4Address, HaRole, HaRole, VrrpTransitionReason)> Changes =>
            this.Select(e => (e.Router, e.Transition.From, e.Transition.To, e.Transition.Reason));
    }
}
