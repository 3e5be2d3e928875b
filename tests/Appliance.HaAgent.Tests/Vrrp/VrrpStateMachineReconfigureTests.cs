using Appliance.Contracts;
using Appliance.HaAgent.Vrrp;
using static Appliance.HaAgent.Tests.Vrrp.VrrpMachines;

namespace Appliance.HaAgent.Tests.Vrrp;

/// <summary>A reload's new options on a running machine: the role and timers carry on, RFC 5798 §6.4 acts on the new values.</summary>
public sealed class VrrpStateMachineReconfigureTests
{
    private static VrrpInstanceOptions Options(byte priority = 100, int intervalCs = 100, bool preempt = true, TimeSpan preemptDelay = default) =>
        new(51, Local, priority, intervalCs, preempt, preemptDelay);

    [Fact]
    public void Reconfigure_MasterShorterInterval_NextAdvertOneNewIntervalFromNowThenEveryNewInterval()
    {
        var machine = StartedMaster(); // Adver_Timer at Start + 1 s
        machine.Reconfigure(Options(255, intervalCs: 20), Start + Ms(300));

        Assert.Equal(Start + Ms(500), machine.AdverTimerDeadline);
        Assert.Equal([VrrpAction.SendAdvert(255)], machine.OnTimer(Start + Ms(500)).Actions);
        Assert.Equal(Start + Ms(700), machine.AdverTimerDeadline);
        Assert.Equal(HaRole.Master, machine.State);
    }

    [Fact]
    public void Reconfigure_MasterLongerInterval_KeepsTheAdvertAlreadyScheduled()
    {
        var machine = StartedMaster();
        machine.Reconfigure(Options(255, intervalCs: 300), Start + Ms(300));

        Assert.Equal(Start + Ms(1000), machine.AdverTimerDeadline);
        machine.OnTimer(Start + Ms(1000));
        Assert.Equal(Start + Ms(4000), machine.AdverTimerDeadline);
    }

    [Fact]
    public void Reconfigure_MasterLowerPriorityThenPreemptingPeerHeard_BecomesBackup()
    {
        var machine = MasterByTimeout(priority: 150);
        machine.Reconfigure(Options(50), Start + Ms(4000));
        machine.SetPriority(50);

        Assert.Equal([VrrpAction.SendAdvert(50)], machine.OnTimer(Start + Ms(4600)).Actions);
        // The peer at 100 ignores our 50 (preempt), its Master_Down_Timer fires and it advertises.
        var decision = machine.OnAdvert(new ReceivedAdvert(Higher, 100, 100), Start + Ms(8000));
        AssertTransition(decision, HaRole.Master, HaRole.Backup, VrrpTransitionReason.HigherPriorityAdvert);
        Assert.Contains(VrrpAction.RemoveVirtualAddresses, decision.Actions);
    }

    [Fact]
    public void Reconfigure_BackupRaisedAbovePreemptingMaster_IgnoresItsAdvertsAndTakesOverAtMasterDown()
    {
        var machine = StartedBackup();
        machine.OnAdvert(new ReceivedAdvert(Higher, 120, 100), Start + Ms(500));
        machine.Reconfigure(Options(200), Start + Ms(600));
        machine.SetPriority(200);

        // The master's 120 is now lower: discarded (§6.4.2), so the Master_Down_Timer armed at 500 ms runs out.
        machine.OnAdvert(new ReceivedAdvert(Higher, 120, 100), Start + Ms(1500));
        var deadline = machine.MasterDownTimerDeadline!.Value;
        Assert.Equal(Start + Ms(500) + VrrpTiming.FromCentiseconds(VrrpTiming.MasterDownIntervalCs(100, 100)), deadline);
        AssertTransition(machine.OnTimer(deadline), HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown);
    }

    [Fact]
    public void Reconfigure_PreemptTurnedOff_BackupKeepsAcceptingLowerMaster()
    {
        var machine = StartedBackup();
        machine.Reconfigure(Options(preempt: false), Start + Ms(100));

        machine.OnAdvert(new ReceivedAdvert(Higher, 50, 100), Start + Ms(3000));
        Assert.Equal(Start + Ms(3000) + VrrpTiming.FromCentiseconds(machine.MasterDownIntervalCs), machine.MasterDownTimerDeadline);
        Assert.Equal(Higher, machine.MasterAddress);
    }

    [Fact]
    public void Reconfigure_PreemptDelayChanged_WaitRestartsFromTheNextLowerAdvert()
    {
        var machine = StartedBackup(preemptDelay: TimeSpan.FromSeconds(10));
        machine.OnAdvert(new ReceivedAdvert(Higher, 50, 100), Start + Ms(100));
        Assert.Equal(Start + Ms(10100), machine.PreemptDeadline);

        machine.Reconfigure(Options(preemptDelay: TimeSpan.FromSeconds(2)), Start + Ms(500));
        Assert.Null(machine.PreemptDeadline);
        machine.OnAdvert(new ReceivedAdvert(Higher, 50, 100), Start + Ms(1000));
        Assert.Equal(Start + Ms(3000), machine.PreemptDeadline);
    }

    [Fact]
    public void Reconfigure_OtherVrid_ThrowsAndKeepsTheOptions()
    {
        var machine = StartedBackup();
        var error = Assert.Throws<ArgumentException>(() => machine.Reconfigure(new VrrpInstanceOptions(52, Local, 200), Start));
        Assert.Contains("restart", error.Message, StringComparison.Ordinal);
        Assert.Equal(Options(), machine.Options);
    }
}
