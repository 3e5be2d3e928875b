using Appliance.Contracts;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;
using static Appliance.HaAgent.Tests.Vrrp.VrrpMachines;

namespace Appliance.HaAgent.Tests.Vrrp;

/// <summary>RFC 5798 §6.4.3 (Master), Shutdown and priority changes on explicit times.</summary>
public sealed class VrrpStateMachineMasterTests
{
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
    public void SetPriority_Master_NextAdvertCarriesNewPriority()
    {
        var machine = StartedMaster();

        machine.SetPriority(180);

        Assert.Equal([VrrpAction.SendAdvert(180)], machine.OnTimer(Start + Ms(1000)).Actions);
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
}
