using System.Diagnostics;
using Appliance.LabTests.Infrastructure;
using Appliance.LabTests.Infrastructure.Sticky;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>The master disappears (kill -9, SIGTERM, link down): the backup takes over and the client follows it.</summary>
public sealed class CrashFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RoleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>RFC 5798 §6.1 Master_Down_Interval of lb2 (priority 100) plus 100 ms for VIP, GARP and the client's next attempt.</summary>
    private static readonly TimeSpan CrashBound = (3 * Lab.AdvertInterval) + Lab.SkewTime(100) + TimeSpan.FromMilliseconds(100);

    [LabFact]
    public async Task KillMaster_Sigkill_BackupServesWithinMasterDownIntervalAndRestartRemovesStaleVip()
    {
        using var lab = new Lab(output);
        var probe = await lab.StartPairAsync();

        var fault = Stopwatch.GetTimestamp();
        lab.Lb1.Signal(Posix.SigKill);
        await lab.Lb2.WaitForRoleAsync("MASTER", RoleTimeout);
        await probe.WaitForServiceAsync(20, RoleTimeout, since: fault);
        var outage = probe.Outage(fault);
        // Which path took over: MasterDown (the Master_Down_Interval timer) or MasterProcessGone (the fast path of docs/ha.md,
        // active only with sync_peer lines and a sync port that listens).
        var path = lab.Lb2.RoleLines.LastOrDefault(l => l.Contains("-> MASTER", StringComparison.Ordinal)) ?? "none";
        lab.Log($"kill -9 master: outage {outage.TotalMilliseconds:F0} ms (bound {CrashBound.TotalMilliseconds:F0} ms), {probe.Summary()}; takeover: {path}");

        Assert.True(outage < CrashBound, $"outage {outage.TotalMilliseconds:F0} ms exceeds {CrashBound.TotalMilliseconds:F0} ms");
        Assert.Equal(lab.Lb2.Mac, lab.ClientNeighbourMac());
        // keepalived's failure mode: a process killed with -9 leaves the VIP on its interface ...
        Assert.True(lab.Lb1.HasVip, "the killed node's kernel should still hold the VIP until the agent restarts");

        // ... and the restarted agent (systemd's job in production) removes it at start-up. nopreempt keeps it backup.
        lab.Lb1.Start(lab.Config("lb1", 150, "nopreempt"));
        await lab.Lb1.WaitForRoleAsync("BACKUP", RoleTimeout);
        Assert.False(lab.Lb1.HasVip, "the restarted node still holds the VIP its predecessor left");
        await lab.WaitForSoleMasterAsync(lab.Lb2, RoleTimeout);
    }

    [LabFact]
    public async Task KillMaster_SigkillWithStateSync_BackupTakesOverAsMasterProcessGoneBeforeMasterDownInterval()
    {
        // A deployed pair runs state sync: the backup holds a liveness connection to the master's sync port, and a
        // killed master's kernel refuses the next one (docs/ha.md "Fast takeover when the master process dies").
        using var lab = new Lab(output);
        var psk = Path.Combine(lab.Folder, "sync.psk");
        Commands.Check(ApplianceBuild.Command[0], [.. ApplianceBuild.Command.Skip(1), "cluster", "gen-psk", "--out", psk]);
        var probe = await lab.StartPairAsync(StickyConfigs.SyncHaLines("lb1", psk), StickyConfigs.SyncHaLines("lb2", psk));
        await CrashFailoverTests.WaitForOutputAsync(lab.Lb2, "liveness connection to master 10.213.0.11", RoleTimeout);

        var fault = Stopwatch.GetTimestamp();
        lab.Lb1.Signal(Posix.SigKill);
        await lab.Lb2.WaitForRoleAsync("MASTER", RoleTimeout);
        await probe.WaitForServiceAsync(20, RoleTimeout, since: fault);
        var outage = probe.Outage(fault);
        var takeover = lab.Lb2.RoleLines.LastOrDefault(l => l.Contains("-> MASTER", StringComparison.Ordinal)) ?? "none";
        lab.Log($"kill -9 master with sync: outage {outage.TotalMilliseconds:F0} ms, {probe.Summary()}; takeover: {takeover}");

        Assert.Contains("(MasterProcessGone)", takeover, StringComparison.Ordinal);
        var masterDown = (3 * Lab.AdvertInterval) + Lab.SkewTime(100);
        Assert.True(outage < masterDown, $"outage {outage.TotalMilliseconds:F0} ms is not below Master_Down_Interval {masterDown.TotalMilliseconds:F0} ms");
        Assert.Equal(lab.Lb2.Mac, lab.ClientNeighbourMac());
    }

    [LabFact]
    public async Task StopMaster_Sigterm_SendsPriorityZeroAndBackupTakesOverAfterSkewTime()
    {
        using var lab = new Lab(output);
        var probe = await lab.StartPairAsync();

        var fault = Stopwatch.GetTimestamp();
        lab.Lb1.Signal(Posix.SigTerm);
        await lab.Lb2.WaitForRoleAsync("MASTER", RoleTimeout);
        var takeover = Stopwatch.GetElapsedTime(fault);
        await probe.WaitForServiceAsync(20, RoleTimeout, since: fault);
        var outage = probe.Outage(fault);
        lab.Log($"SIGTERM master: lb2 master after {takeover.TotalMilliseconds:F0} ms, outage {outage.TotalMilliseconds:F0} ms, {probe.Summary()}");

        Assert.True(lab.Lb1.WaitForExit(TimeSpan.FromSeconds(10)), "lb1 did not exit after SIGTERM");
        Assert.Contains(lab.Lb1.RoleLines, l => l.Contains("role MASTER -> INITIALIZE (Shutdown)", StringComparison.Ordinal));
        Assert.False(lab.Lb1.HasVip, "a gracefully stopped master must remove the VIP");
        // With the priority-0 advert the backup waits Skew_Time, not Master_Down_Interval (RFC 5798 §6.4.2).
        var masterDown = (3 * Lab.AdvertInterval) + Lab.SkewTime(100);
        Assert.True(outage < masterDown, $"outage {outage.TotalMilliseconds:F0} ms is not below Master_Down_Interval {masterDown.TotalMilliseconds:F0} ms");
        Assert.Equal(lab.Lb2.Mac, lab.ClientNeighbourMac());
    }

    [LabFact]
    public async Task LinkDown_MasterInterface_BackupTakesOverAndMasterReclaimsWhenLinkReturns()
    {
        using var lab = new Lab(output);
        var probe = await lab.StartPairAsync();

        var fault = Stopwatch.GetTimestamp();
        lab.SetLink("lb1", up: false);
        await lab.Lb2.WaitForRoleAsync("MASTER", RoleTimeout);
        await probe.WaitForServiceAsync(20, RoleTimeout, since: fault);
        var outage = probe.Outage(fault);
        lab.Log($"master link down: outage {outage.TotalMilliseconds:F0} ms (bound {CrashBound.TotalMilliseconds:F0} ms), {probe.Summary()}");
        Assert.True(outage < CrashBound, $"outage {outage.TotalMilliseconds:F0} ms exceeds {CrashBound.TotalMilliseconds:F0} ms");
        Assert.Equal(lab.Lb2.Mac, lab.ClientNeighbourMac());
        // track_interface eth0 drops lb1 to priority 1 while its link is down.
        await WaitForOutputAsync(lab.Lb1, "priority 150 -> 1", RoleTimeout);

        var heal = Stopwatch.GetTimestamp();
        lab.SetLink("lb1", up: true);
        await lab.WaitForSoleMasterAsync(lab.Lb1, RoleTimeout);
        await lab.WaitForClientNeighbourAsync(lab.Lb1.Mac, TimeSpan.FromSeconds(3));
        await probe.WaitForServiceAsync(20, RoleTimeout, since: heal);
        lab.Log($"link back, lb1 preempts: outage {probe.Outage(heal).TotalMilliseconds:F0} ms");
    }

    internal static async Task WaitForOutputAsync(LabNode node, string text, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (!node.Output.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{node.Name} never printed '{text}':\n{string.Join('\n', node.Output.TakeLast(20))}");
            }

            await Task.Delay(20);
        }
    }
}
