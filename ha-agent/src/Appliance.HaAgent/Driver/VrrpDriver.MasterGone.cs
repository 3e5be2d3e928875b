using System.Collections.Concurrent;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Driver;

/// <summary>
/// Fast takeover input (docs/ha.md "Fast takeover when the master process dies"): a watcher on another thread reports
/// that the master's process is gone; the driver thread applies it to the state machine between adverts and timers, so
/// the report never delays an advert.
/// </summary>
public sealed partial class VrrpDriver
{
    private readonly ConcurrentQueue<(Ipv4Address Master, string Evidence, bool NoOtherBackup)> _masterGone = new();

    /// <summary>
    /// Reports from any thread that <paramref name="master"/>'s appliance process is gone (<paramref name="evidence"/>
    /// says how it was seen, for the log). Applied on the driver thread: if it is still this backup's master, the
    /// Master_Down_Timer is brought forward to Skew_Time, or to now when <paramref name="noOtherBackup"/> (the master is
    /// this node's only peer; <see cref="Vrrp.VrrpStateMachine.MasterProcessGone"/>).
    /// </summary>
    public void ReportMasterProcessGone(Ipv4Address master, string evidence, bool noOtherBackup = false)
    {
        _masterGone.Enqueue((master, evidence, noOtherBackup));
        _wake.Set();
    }

    private void RunMasterGoneReports(TimeSpan now)
    {
        while (_masterGone.TryDequeue(out var report))
        {
            if (_machine.MasterProcessGone(report.Master, now, report.NoOtherBackup))
            {
                HaLog.MasterProcessGone(_logger, Name, report.Master.ToString(), report.Evidence,
                    report.NoOtherBackup ? "at once (no other backup to order)" : "after Skew_Time");
            }
            else
            {
                HaLog.MasterProcessGoneIgnored(_logger, Name, report.Master.ToString(), report.Evidence);
            }
        }
    }
}
