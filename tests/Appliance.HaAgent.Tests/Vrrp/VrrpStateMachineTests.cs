using Appliance.Contracts;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;
using static Appliance.HaAgent.Tests.Vrrp.VrrpMachines;

namespace Appliance.HaAgent.Tests.Vrrp;

/// <summary>RFC 5798 §6.4.1 (Initialize) and §6.4.2 (Backup) on explicit times; helpers in <see cref="VrrpMachines"/>.</summary>
public sealed class VrrpStateMachineTests
{
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
    public void Start_AfterShutdown_RunsStartupAgain()
    {
        var machine = StartedBackup();
        machine.Shutdown(Start + Ms(100));

        var decision = machine.Start(Start + Ms(200));

        AssertTransition(decision, HaRole.Initialize, HaRole.Backup, VrrpTransitionReason.StartupAsBackup);
        Assert.Equal(Start + Ms(3800), machine.MasterDownTimerDeadline);
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
}
