using Appliance.Contracts;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>
/// Fast detection of a dead master process (docs/ha.md "Fast takeover when the master process dies"): the driver reports
/// that the master's appliance process is gone (its TCP port answered "connection refused" after the connection this
/// backup held to it ended), and the backup treats it as the RFC 5798 §6.4.2 priority-0 advert: Master_Down_Timer =
/// Skew_Time, so the best backup still wins and a lower one still waits its longer skew.
/// </summary>
public sealed partial class VrrpStateMachine
{
    // Set by MasterProcessGone while its Skew_Time runs; names the reason when the Master_Down_Timer fires.
    private bool _masterGoneReported;

    /// <summary>
    /// The master whose adverts this backup accepted, <paramref name="master"/>, has lost its process. In Backup with
    /// that master current, Master_Down_Timer is brought forward to Skew_Time from <paramref name="now"/> (never pushed
    /// later), or to <paramref name="now"/> when <paramref name="noOtherBackup"/> (the dead master is this node's only
    /// peer, so Skew_Time, which orders competing backups, has nobody to order). Returns false and changes nothing
    /// otherwise: another master took over meanwhile, or this node is not a backup. A master that is in fact alive keeps
    /// advertising and each advert re-arms the timer as usual (and a higher-priority master's advert sends this node back
    /// to Backup, §6.4.3).
    /// </summary>
    public bool MasterProcessGone(Ipv4Address master, TimeSpan now, bool noOtherBackup = false)
    {
        if (State != HaRole.Backup || MasterAddress != master)
        {
            return false;
        }

        var deadline = noOtherBackup ? now : now + VrrpTiming.FromCentiseconds(SkewTimeCs);
        MasterDownTimerDeadline = MasterDownTimerDeadline is { } current && current < deadline ? current : deadline;
        MasterAddress = null;
        _masterGoneReported = true;
        return true;
    }

    /// <summary>Why a firing Master_Down_Timer makes this router master.</summary>
    private VrrpTransitionReason MasterDownReason() =>
        _masterGoneReported ? VrrpTransitionReason.MasterProcessGone : VrrpTransitionReason.MasterDown;
}
