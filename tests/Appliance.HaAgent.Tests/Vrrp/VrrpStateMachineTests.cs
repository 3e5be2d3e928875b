using Appliance.Contracts;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Tests.Vrrp;

public sealed class VrrpStateMachineTests
{
    private static readonly Ipv4Address Local = Address("10.0.0.10");
    private static readonly Ipv4Address Lower = Address("10.0.0.5");
    private static readonly Ipv4Address Higher = Address("10.0.0.20");
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(100);

    private static readonly VrrpAction[] BecomeMasterActions =
    [
        VrrpAction.SendAdvert(100),
        VrrpAction.AddVirtualAddresses,
        VrrpAction.SendGarpBurst(GarpReason.BecameMaster),
    ];

    [Fact]
    public void Start_Priority255_BecomesMasterAtOnceWithAdvertVipsAndGarp()
    {
        var machine = Machine(priority: 255);

        var decision = machine.Start(Start);

        Assert.Equal(HaRole.Master, decision.State);
        Assert.Equal(
            [VrrpAction.SendAdvert(255), VrrpAction.AddVirtualAddresses, VrrpAction.SendGarpBurst(GarpReason.BecameMaster)],
            decision.Actions);
        AssertTransition(decision, HaRole.Initialize, HaRole.Master, VrrpTransitionReason.StartupAsOwner);
        Assert.Equal(Start + Ms(1000), machine.AdverTimerDeadline);
        Assert.Null(machine.MasterDownTimerDeadline);
    }

    [Fact]
    public void Start_PriorityBelow255_BecomesBackupRemovesStaleVipsAndArmsMasterDownTimer()
    {
        var machine = Machine(priority: 100);

        var decision = machine.Start(Start);

        Assert.Equal(HaRole.Backup, decision.State);
        Assert.Equal([VrrpAction.RemoveVirtualAddresses], decision.Actions);
        AssertTransition(decision, HaRole.Initialize, HaRole.Backup, VrrpTransitionReason.StartupAsBackup);
        // 3 × 100 cs + (256 − 100) × 100 / 256 = 300 + 60 cs.
        Assert.Equal(Start + Ms(3600), machine.MasterDownTimerDeadline);
        Assert.Equal(machine.MasterDownTimerDeadline, machine.NextDeadline);
        Assert.Null(machine.AdverTimerDeadline);
    }

    [Fact]
    public void Start_WhenAlreadyStarted_Throws()
    {
        var machine = Machine();
        machine.Start(Start);

        var error = Assert.Throws<InvalidOperationException>(() => machine.Start(Start));

        Assert.Equal("Startup is an event of the Initialize state (state is Backup)", error.Message);
    }

    [Fact]
    public void OnTimer_BackupBeforeMasterDownDeadline_DoesNothing()
    {
        var machine = StartedBackup();

        var decision = machine.OnTimer(Start + Ms(3590));

        Assert.Equal(HaRole.Backup, decision.State);
        Assert.Empty(decision.Actions);
        Assert.Null(decision.Transition);
    }

    [Fact]
    public void OnTimer_BackupAtMasterDownDeadline_BecomesMaster()
    {
        var machine = StartedBackup();

        var decision = machine.OnTimer(Start + Ms(3600));

        Assert.Equal(HaRole.Master, decision.State);
        Assert.Equal(BecomeMasterActions, decision.Actions);
        AssertTransition(decision, HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown);
        Assert.Equal(Start + Ms(4600), machine.AdverTimerDeadline);
        Assert.Null(machine.MasterDownTimerDeadline);
    }

    [Fact]
    public void OnAdvert_BackupHigherPriority_ResetsMasterDownTimerWithLearnedInterval()
    {
        var machine = StartedBackup();
        var at = Start + Ms(3000);

        var decision = machine.OnAdvert(new ReceivedAdvert(Higher, 200, 50), at);

        Assert.Empty(decision.Actions);
        Assert.Equal(50, machine.MasterAdverIntervalCs);
        // 3 × 50 + (256 − 100) × 50 / 256 = 150 + 30 cs.
        Assert.Equal(at + Ms(1800), machine.MasterDownTimerDeadline);
        Assert.Equal(HaRole.Backup, machine.OnTimer(Start + Ms(3600)).State);
    }

    [Fact]
    public void OnAdvert_BackupEqualPriority_ResetsMasterDownTimer()
    {
        var machine = StartedBackup();
        var at = Start + Ms(1000);

        machine.OnAdvert(new ReceivedAdvert(Lower, 100, 100), at);

        Assert.Equal(at + Ms(3600), machine.MasterDownTimerDeadline);
    }

    [Fact]
    public void OnAdvert_BackupLowerPriorityWithPreempt_DiscardsSoMasterDownFiresAndPreempts()
    {
        var machine = StartedBackup();

        machine.OnAdvert(new ReceivedAdvert(Higher, 50, 100), Start + Ms(1000));
        machine.OnAdvert(new ReceivedAdvert(Higher, 50, 100), Start + Ms(2000));
        machine.OnAdvert(new ReceivedAdvert(Higher, 50, 100), Start + Ms(3000));

        Assert.Equal(Start + Ms(3600), machine.MasterDownTimerDeadline);
        var decision = machine.OnTimer(Start + Ms(3600));
        AssertTransition(decision, HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown);
    }

    [Fact]
    public void OnAdvert_BackupLowerPriorityWithNopreempt_AcceptsAndStaysBackup()
    {
        var machine = StartedBackup(preempt: false);

        machine.OnAdvert(new ReceivedAdvert(Higher, 50, 100), Start + Ms(3000));

        Assert.Equal(Start + Ms(6600), machine.MasterDownTimerDeadline);
        Assert.Equal(HaRole.Backup, machine.OnTimer(Start + Ms(3600)).State);
    }

    [Fact]
    public void OnAdvert_BackupPriorityZero_SetsMasterDownTimerToSkewTime()
    {
        var machine = StartedBackup();
        var at = Start + Ms(2000);

        machine.OnAdvert(new ReceivedAdvert(Higher, 0, 100), at);

        // Skew_Time = (256 − 100) × 100 / 256 = 60 cs.
        Assert.Equal(at + Ms(600), machine.MasterDownTimerDeadline);
        var decision = machine.OnTimer(at + Ms(600));
        AssertTransition(decision, HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown);
    }

    [Fact]
    public void OnAdvert_BackupLowerPriorityWithPreemptDelay_AcceptsUntilDelayEndsThenPreempts()
    {
        var machine = StartedBackup(preemptDelay: TimeSpan.FromSeconds(10));

        for (var second = 1; second <= 10; second++)
        {
            machine.OnAdvert(new ReceivedAdvert(Higher, 50, 100), Start + TimeSpan.FromSeconds(second));
        }

        // Adverts at 1..10 s: the delay was armed at 1 s and ends at 11 s, so all ten were accepted.
        Assert.Equal(Start + TimeSpan.FromSeconds(11), machine.PreemptDeadline);
        Assert.Equal(Start + Ms(13600), machine.MasterDownTimerDeadline);

        machine.OnAdvert(new ReceivedAdvert(Higher, 50, 100), Start + TimeSpan.FromSeconds(11));
        machine.OnAdvert(new ReceivedAdvert(Higher, 50, 100), Start + TimeSpan.FromSeconds(12));

        Assert.Equal(Start + Ms(13600), machine.MasterDownTimerDeadline);
        Assert.Equal(HaRole.Backup, machine.OnTimer(Start + Ms(13590)).State);
        var decision = machine.OnTimer(Start + Ms(13600));
        AssertTransition(decision, HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown);
    }

    [Fact]
    public void OnAdvert_BackupPreemptDelayRunning_HigherPriorityAdvertCancelsTheWait()
    {
        var machine = StartedBackup(preemptDelay: TimeSpan.FromSeconds(10));
        machine.OnAdvert(new ReceivedAdvert(Higher, 50, 100), Start + TimeSpan.FromSeconds(1));

        machine.OnAdvert(new ReceivedAdvert(Lower, 200, 100), Start + TimeSpan.FromSeconds(2));
        Assert.Null(machine.PreemptDeadline);

        machine.OnAdvert(new ReceivedAdvert(Higher, 50, 100), Start + TimeSpan.FromSeconds(30));
        Assert.Equal(Start + TimeSpan.FromSeconds(40), machine.PreemptDeadline);
    }

    [Fact]
    public void OnAdvert_FromOwnPrimaryAddress_IsIgnored()
    {
        var machine = StartedBackup();

        var decision = machine.OnAdvert(new ReceivedAdvert(Local, 200, 100), Start + Ms(3000));

        Assert.Empty(decision.Actions);
        Assert.Equal(Start + Ms(3600), machine.MasterDownTimerDeadline);
    }

    [Fact]
    public void OnAdvert_InInitialize_DoesNothing()
    {
        var machine = Machine();

        var decision = machine.OnAdvert(new ReceivedAdvert(Higher, 200, 100), Start);

        Assert.Equal(HaRole.Initialize, decision.State);
        Assert.Empty(decision.Actions);
        Assert.Null(machine.NextDeadline);
    }

    [Fact]
    public void OnTimer_MasterAtAdverDeadline_SendsAdvertAndRearms()
    {
        var machine = StartedMaster();

        Assert.Empty(machine.OnTimer(Start + Ms(999)).Actions);
        var decision = machine.OnTimer(Start + Ms(1000));

        Assert.Equal([VrrpAction.SendAdvert(255)], decision.Actions);
        Assert.Null(decision.Transition);
        Assert.Equal(Start + Ms(2000), machine.AdverTimerDeadline);
    }

    [Fact]
    public void OnAdvert_MasterPriorityZero_SendsAdvertAtOnceAndResetsAdverTimer()
    {
        var machine = StartedMaster();

        var decision = machine.OnAdvert(new ReceivedAdvert(Higher, 0, 100), Start + Ms(300));

        Assert.Equal([VrrpAction.SendAdvert(255)], decision.Actions);
        Assert.Equal(Start + Ms(1300), machine.AdverTimerDeadline);
    }

    [Fact]
    public void OnAdvert_MasterHigherPriority_BecomesBackupAndRemovesVips()
    {
        var machine = MasterByTimeout(priority: 100);
        var at = Start + Ms(4000);

        var decision = machine.OnAdvert(new ReceivedAdvert(Lower, 150, 200), at);

        Assert.Equal([VrrpAction.RemoveVirtualAddresses], decision.Actions);
        AssertTransition(decision, HaRole.Master, HaRole.Backup, VrrpTransitionReason.HigherPriorityAdvert);
        Assert.Equal(Lower, decision.Transition!.Peer);
        Assert.Equal((byte)150, decision.Transition.PeerPriority);
        Assert.Null(machine.AdverTimerDeadline);
        Assert.Equal(200, machine.MasterAdverIntervalCs);
        // 3 × 200 + (256 − 100) × 200 / 256 = 600 + 121 cs.
        Assert.Equal(at + Ms(7210), machine.MasterDownTimerDeadline);
    }

    [Fact]
    public void OnAdvert_MasterEqualPriorityHigherAddress_BecomesBackup()
    {
        var machine = MasterByTimeout(priority: 100);

        var decision = machine.OnAdvert(new ReceivedAdvert(Higher, 100, 100), Start + Ms(4000));

        AssertTransition(decision, HaRole.Master, HaRole.Backup, VrrpTransitionReason.EqualPriorityHigherAddress);
    }

    [Fact]
    public void OnAdvert_MasterEqualPriorityLowerAddress_StaysMasterAdvertisesAndSendsGarp()
    {
        var machine = MasterByTimeout(priority: 100);
        var at = Start + Ms(4000);

        var decision = machine.OnAdvert(new ReceivedAdvert(Lower, 100, 100), at);

        Assert.Equal(HaRole.Master, decision.State);
        Assert.Null(decision.Transition);
        Assert.Equal([VrrpAction.SendAdvert(100), VrrpAction.SendGarpBurst(GarpReason.DualMasterDetected)], decision.Actions);
        Assert.Equal(at + Ms(1000), machine.AdverTimerDeadline);
    }

    [Fact]
    public void OnAdvert_MasterLowerPriority_ResolvesDualMasterWithGarpBurstOnceTheLoserIsQuiet()
    {
        var machine = StartedMaster();

        var first = machine.OnAdvert(new ReceivedAdvert(Higher, 100, 100), Start + Ms(200));
        var second = machine.OnAdvert(new ReceivedAdvert(Higher, 100, 100), Start + Ms(500));

        Assert.Equal([VrrpAction.SendAdvert(255), VrrpAction.SendGarpBurst(GarpReason.DualMasterDetected)], first.Actions);
        Assert.Equal([VrrpAction.SendAdvert(255)], second.Actions);

        // The loser, at priority 100 and 100 cs, is surely backup 3.6 s after its last advert.
        Assert.Equal([VrrpAction.SendAdvert(255)], machine.OnTimer(Start + Ms(1500)).Actions);
        Assert.Equal([VrrpAction.SendAdvert(255)], machine.OnTimer(Start + Ms(2500)).Actions);
        Assert.Equal([VrrpAction.SendAdvert(255)], machine.OnTimer(Start + Ms(3500)).Actions);
        Assert.Equal(Start + Ms(4100), machine.NextDeadline);
        var resolved = machine.OnTimer(Start + Ms(4100));

        Assert.Equal([VrrpAction.SendGarpBurst(GarpReason.DualMasterResolved)], resolved.Actions);
        Assert.Equal(HaRole.Master, resolved.State);
        Assert.Equal(Start + Ms(4500), machine.NextDeadline);
    }

    [Fact]
    public void OnAdvert_MasterAfterDualMasterResolved_NextEpisodeSendsGarpAgain()
    {
        var machine = StartedMaster();
        machine.OnAdvert(new ReceivedAdvert(Higher, 100, 100), Start + Ms(200));
        machine.OnTimer(Start + Ms(3800));

        var again = machine.OnAdvert(new ReceivedAdvert(Higher, 100, 100), Start + Ms(60_000));

        Assert.Equal([VrrpAction.SendAdvert(255), VrrpAction.SendGarpBurst(GarpReason.DualMasterDetected)], again.Actions);
    }

    [Fact]
    public void Shutdown_Master_SendsPriorityZeroAndRemovesVips()
    {
        var machine = StartedMaster();

        var decision = machine.Shutdown(Start + Ms(500));

        Assert.Equal([VrrpAction.SendAdvert(0), VrrpAction.RemoveVirtualAddresses], decision.Actions);
        AssertTransition(decision, HaRole.Master, HaRole.Initialize, VrrpTransitionReason.Shutdown);
        Assert.Null(machine.NextDeadline);
        Assert.Empty(machine.OnTimer(Start + Ms(5000)).Actions);
    }

    [Fact]
    public void Shutdown_Backup_CancelsMasterDownTimerAndRemovesVips()
    {
        var machine = StartedBackup();

        var decision = machine.Shutdown(Start + Ms(500));

        Assert.Equal([VrrpAction.RemoveVirtualAddresses], decision.Actions);
        AssertTransition(decision, HaRole.Backup, HaRole.Initialize, VrrpTransitionReason.Shutdown);
        Assert.Null(machine.MasterDownTimerDeadline);
        Assert.Equal(HaRole.Initialize, machine.OnTimer(Start + Ms(10_000)).State);
    }

    [Fact]
    public void Shutdown_InInitialize_DoesNothing()
    {
        var decision = Machine().Shutdown(Start);

        Assert.Empty(decision.Actions);
        Assert.Null(decision.Transition);
    }

    [Fact]
    public void Start_AfterShutdown_RunsStartupAgain()
    {
        var machine = StartedBackup();
        machine.Shutdown(Start + Ms(100));

        var decision = machine.Start(Start + Ms(200));

        AssertTransition(decision, HaRole.Initialize, HaRole.Backup, VrrpTransitionReason.StartupAsBackup);
        Assert.Equal(Start + Ms(3800), machine.MasterDownTimerDeadline);
    }

    [Fact]
    public void SetPriority_Master_NextAdvertCarriesNewPriority()
    {
        var machine = StartedMaster();

        machine.SetPriority(180);

        Assert.Equal([VrrpAction.SendAdvert(180)], machine.OnTimer(Start + Ms(1000)).Actions);
    }

    [Fact]
    public void SetPriority_Backup_NextMasterDownIntervalUsesNewSkew()
    {
        var machine = StartedBackup();

        machine.SetPriority(200);
        machine.OnAdvert(new ReceivedAdvert(Higher, 220, 100), Start + Ms(1000));

        // 3 × 100 + (256 − 200) × 100 / 256 = 300 + 21 cs.
        Assert.Equal(Start + Ms(1000 + 3210), machine.MasterDownTimerDeadline);
    }

    [Fact]
    public void SetPriority_Zero_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Machine().SetPriority(0));

        Assert.StartsWith("priority 0 is reserved for the shutdown advert (RFC 5798 §5.2.4)", error.Message);
    }

    [Fact]
    public void SetPriority_MasterDropsBelowPreemptingBackup_BackupTakesOverAndMasterStepsDown()
    {
        // Two routers wired back to back: A (priority 200, 10.0.0.10) is master, B (150, 10.0.0.20) backup.
        var a = new VrrpStateMachine(new VrrpInstanceOptions(51, Local, 200));
        var b = new VrrpStateMachine(new VrrpInstanceOptions(51, Higher, 150));
        a.Start(Start);
        b.Start(Start);
        var now = Start + TimeSpan.FromSeconds(4);
        Assert.Equal(HaRole.Master, a.OnTimer(now).State);
        Assert.Equal(HaRole.Backup, b.OnAdvert(new ReceivedAdvert(Local, a.Priority, 100), now).State);

        a.SetPriority(EffectivePriority.Compute(200, failedWeights: 100));
        var transitions = new List<VrrpTransition>();
        for (var step = 0; step < 1000 && b.State != HaRole.Master; step++)
        {
            now += Ms(10);
            Deliver(a.OnTimer(now), Local, b, now, transitions);
            Deliver(b.OnTimer(now), Higher, a, now, transitions);
        }

        Assert.Equal(HaRole.Master, b.State);
        Assert.Equal(HaRole.Backup, a.State);
        Assert.Equal(
            [
                (HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown),
                (HaRole.Master, HaRole.Backup, VrrpTransitionReason.HigherPriorityAdvert),
            ],
            transitions.Select(t => (t.From, t.To, t.Reason)));
        // B discarded A's priority-100 adverts from 4 s on and took over when its Master_Down_Interval (3 × 100 + 41 cs) ran out.
        Assert.Equal(Start + Ms(4000 + 3410), transitions[0].At);
    }

    private static void Deliver(
        VrrpDecision decision, Ipv4Address source, VrrpStateMachine receiver, TimeSpan now, List<VrrpTransition> transitions)
    {
        if (decision.Transition is { } own)
        {
            transitions.Add(own);
        }

        foreach (var action in decision.Actions.Where(a => a.Kind == VrrpActionKind.SendAdvert))
        {
            var reply = receiver.OnAdvert(new ReceivedAdvert(source, action.Priority, 100), now);
            if (reply.Transition is { } caused)
            {
                transitions.Add(caused);
            }
        }
    }

    private static VrrpStateMachine Machine(byte priority = 100, bool preempt = true, TimeSpan preemptDelay = default) =>
        new(new VrrpInstanceOptions(51, Local, priority, 100, preempt, preemptDelay));

    private static VrrpStateMachine StartedBackup(bool preempt = true, TimeSpan preemptDelay = default)
    {
        var machine = Machine(100, preempt, preemptDelay);
        machine.Start(Start);
        return machine;
    }

    private static VrrpStateMachine StartedMaster()
    {
        var machine = Machine(255);
        machine.Start(Start);
        return machine;
    }

    private static VrrpStateMachine MasterByTimeout(byte priority)
    {
        var machine = Machine(priority);
        machine.Start(Start);
        Assert.Equal(HaRole.Master, machine.OnTimer(Start + Ms(3600)).State);
        return machine;
    }

    private static void AssertTransition(VrrpDecision decision, HaRole from, HaRole to, VrrpTransitionReason reason)
    {
        Assert.NotNull(decision.Transition);
        Assert.Equal((from, to, reason), (decision.Transition.From, decision.Transition.To, decision.Transition.Reason));
        Assert.Equal((byte)51, decision.Transition.VirtualRouterId);
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private static Ipv4Address Address(string text) =>
        Ipv4Address.TryParse(text, out var address) ? address : throw new ArgumentException(text);
}
