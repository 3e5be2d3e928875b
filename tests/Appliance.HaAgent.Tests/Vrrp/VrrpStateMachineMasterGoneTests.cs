using Appliance.Contracts;
using Appliance.HaAgent.Vrrp;
using static Appliance.HaAgent.Tests.Vrrp.VrrpMachines;

namespace Appliance.HaAgent.Tests.Vrrp;

/// <summary><see cref="VrrpStateMachine.MasterProcessGone"/>: the fast path treats a dead master process like a priority-0 advert.</summary>
public sealed class VrrpStateMachineMasterGoneTests
{
    [Fact]
    public void MasterProcessGone_CurrentMaster_TakesOverAfterSkewTimeWithFastPathReason()
    {
        var machine = StartedBackup();
        var heard = Start + Ms(500);
        machine.OnAdvert(new ReceivedAdvert(Higher, 200, 100), heard);
        var reported = heard + Ms(300);

        Assert.True(machine.MasterProcessGone(Higher, reported));

        // Skew_Time at priority 100 and 100 cs: (256 − 100) × 100 / 256 = 60 cs, as after a priority-0 advert (§6.4.2).
        Assert.Equal(reported + Ms(600), machine.MasterDownTimerDeadline);
        Assert.Null(machine.MasterAddress);
        Assert.Equal(HaRole.Backup, machine.OnTimer(reported + Ms(590)).State);
        AssertTransition(machine.OnTimer(reported + Ms(600)), HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterProcessGone);
    }

    [Fact]
    public void MasterProcessGone_OtherAddress_Ignored()
    {
        var machine = StartedBackup();
        machine.OnAdvert(new ReceivedAdvert(Higher, 200, 100), Start + Ms(500));
        var deadline = machine.MasterDownTimerDeadline;

        Assert.False(machine.MasterProcessGone(Lower, Start + Ms(600)));

        Assert.Equal(deadline, machine.MasterDownTimerDeadline);
        Assert.Equal(Higher, machine.MasterAddress);
    }

    [Fact]
    public void MasterProcessGone_MasterAdvertisesAgain_TimerRearmedAndReasonBackToMasterDown()
    {
        var machine = StartedBackup();
        machine.OnAdvert(new ReceivedAdvert(Higher, 200, 100), Start + Ms(500));
        machine.MasterProcessGone(Higher, Start + Ms(600));

        // A false report (the process was alive): its next advert re-arms the full Master_Down_Interval.
        machine.OnAdvert(new ReceivedAdvert(Higher, 200, 100), Start + Ms(1000));
        Assert.Equal(Start + Ms(1000) + Ms(3600), machine.MasterDownTimerDeadline);
        AssertTransition(machine.OnTimer(Start + Ms(4600)), HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterDown);
    }

    [Fact]
    public void MasterProcessGone_TimerAlreadySooner_NotPushedLater()
    {
        var machine = StartedBackup();
        machine.OnAdvert(new ReceivedAdvert(Higher, 200, 100), Start);
        var deadline = machine.MasterDownTimerDeadline!.Value;

        machine.MasterProcessGone(Higher, deadline - Ms(100));

        Assert.Equal(deadline, machine.MasterDownTimerDeadline);
    }

    [Fact]
    public void MasterProcessGone_Master_Ignored()
    {
        var machine = StartedMaster();

        Assert.False(machine.MasterProcessGone(Higher, Start + Ms(100)));
        Assert.Equal(HaRole.Master, machine.State);
    }

    [Fact]
    public void MasterProcessGone_NoOtherBackup_TakesOverAtOnce()
    {
        var machine = StartedBackup();
        var heard = Start + Ms(500);
        machine.OnAdvert(new ReceivedAdvert(Higher, 200, 100), heard);
        var reported = heard + Ms(300);

        Assert.True(machine.MasterProcessGone(Higher, reported, noOtherBackup: true));

        // Skew_Time orders competing backups; with the dead master as the only peer there is nobody to order.
        Assert.Equal(reported, machine.MasterDownTimerDeadline);
        AssertTransition(machine.OnTimer(reported), HaRole.Backup, HaRole.Master, VrrpTransitionReason.MasterProcessGone);
    }
}
