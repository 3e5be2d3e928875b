using System.Diagnostics;
using Appliance.LabTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>
/// <c>appliance failover</c> on the master (no kill): the priority-0 advert moves the VIP to the backup after its Skew_Time
/// (RFC 5798 §6.4.2), the client's outage is measured, and the old master, though it has the higher priority and
/// preempts, stays backup while held; <c>--release</c> lets it take the VIP back.
/// </summary>
public sealed class PlannedSwitchoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RoleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>lb2's Master_Down_Interval (what a crash costs) plus 100 ms: a planned switchover must stay below it.</summary>
    private static readonly TimeSpan Bound = (3 * Lab.AdvertInterval) + Lab.SkewTime(100) + TimeSpan.FromMilliseconds(100);

    [LabFact]
    public async Task Failover_Master_VipMovesToBackupWithShortOutageAndStaysWhileHeld()
    {
        using var lab = new Lab(output);
        var probe = await lab.StartPairAsync();

        var refused = lab.Lb2.Admin("failover");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("this node is BACKUP (the master is 10.213.0.11): run 'appliance failover' on the master", refused.Errors, StringComparison.Ordinal);

        var started = Stopwatch.GetTimestamp();
        var (exitCode, said, errors) = lab.Lb1.Admin("failover", "--hold", "30s");
        lab.Log($"appliance failover on lb1 (exit {exitCode}):\n{said}{errors}");
        Assert.Equal(0, exitCode);
        Assert.Contains("drain: no sync peers: nothing to drain", said, StringComparison.Ordinal);
        Assert.Contains("resigned: priority-0 advert sent, VIPs kept until the new master is heard; BACKUP ", said, StringComparison.Ordinal);
        Assert.Contains("new master: 10.213.0.12, first advert heard ", said, StringComparison.Ordinal);

        await lab.WaitForSoleMasterAsync(lab.Lb2, RoleTimeout);
        await probe.WaitForServiceAsync(20, RoleTimeout, since: started);
        var outage = probe.Outage(started);
        lab.Log(string.Join('\n', lab.Lb1.Output.Where(l => l.Contains("vrid51", StringComparison.Ordinal) || l.Contains("Admin command", StringComparison.Ordinal)).TakeLast(8)));
        lab.Log($"planned switchover: client outage {outage.TotalMilliseconds:F0} ms (crash bound {Bound.TotalMilliseconds:F0} ms), {probe.Summary()}; failed attempts after the command started: {probe.FailureRuns(started)}");
        Assert.True(outage < Bound, $"outage {outage.TotalMilliseconds:F0} ms is not below {Bound.TotalMilliseconds:F0} ms");
        await lab.WaitForClientNeighbourAsync(lab.Lb2.Mac, TimeSpan.FromSeconds(3));
        Assert.Contains(lab.Lb1.RoleLines, l => l.Contains("role MASTER -> BACKUP (Resigned)", StringComparison.Ordinal));

        // Held: lb1 (150, preempt) accepts lb2 (100) for five of its Master_Down_Intervals and more.
        var held = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await lab.WaitForSoleMasterAsync(lab.Lb2, RoleTimeout);
        Assert.Equal("ha: vrid51: role MASTER -> BACKUP (Resigned) priority 150", lab.Lb1.RoleLines[^1]);
        Assert.Equal(lab.Lb2.Mac, lab.ClientNeighbourMac());
        lab.Log($"held 2 s: lb1 stays backup; longest client gap {probe.Outage(held).TotalMilliseconds:F0} ms");
        var status = lab.Lb1.Admin("status");
        Assert.Contains("hold: resigned, not preempting", status.Output, StringComparison.Ordinal);
        Assert.Contains("master: 10.213.0.12", status.Output, StringComparison.Ordinal);

        // Released: lb1 preempts again and the client follows it.
        var released = Stopwatch.GetTimestamp();
        Assert.Equal(0, lab.Lb1.Admin("failover", "--release").ExitCode);
        await lab.WaitForSoleMasterAsync(lab.Lb1, RoleTimeout);
        await lab.WaitForClientNeighbourAsync(lab.Lb1.Mac, TimeSpan.FromSeconds(3));
        await probe.WaitForServiceAsync(20, RoleTimeout, since: released);
        lab.Log($"released: lb1 preempts back, outage {probe.Outage(released).TotalMilliseconds:F0} ms");
    }
}
