using System.Diagnostics;
using Appliance.LabTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>The higher-priority node comes back: it takes over (preempt, RFC 5798 §6.1), or not with <c>nopreempt</c>.</summary>
public sealed class PreemptionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RoleTimeout = TimeSpan.FromSeconds(10);

    [LabFact]
    public async Task HigherPriorityReturns_Preempt_TakesOverAndClientFollows()
    {
        using var lab = new Lab(output);
        var probe = await StartWithLb2MasterAsync(lab);

        var back = Stopwatch.GetTimestamp();
        lab.Lb1.Start(lab.Config("lb1", 150));
        await lab.WaitForSoleMasterAsync(lab.Lb1, RoleTimeout);
        await lab.WaitForClientNeighbourAsync(lab.Lb1.Mac, TimeSpan.FromSeconds(3));
        await probe.WaitForServiceAsync(20, RoleTimeout, since: back);
        lab.Log($"lb1 returns and preempts: outage {probe.Outage(back).TotalMilliseconds:F0} ms, {probe.Summary()}");
        Assert.Contains(lab.Lb2.RoleLines, l => l.Contains("role MASTER -> BACKUP (HigherPriorityAdvert)", StringComparison.Ordinal));
    }

    [LabFact]
    public async Task HigherPriorityReturns_Nopreempt_StaysBackup()
    {
        using var lab = new Lab(output);
        var probe = await StartWithLb2MasterAsync(lab);

        var back = Stopwatch.GetTimestamp();
        lab.Lb1.Start(lab.Config("lb1", 150, "nopreempt"));
        await lab.Lb1.WaitForRoleAsync("BACKUP", RoleTimeout);
        // Ten Master_Down_Intervals: a preempting lb1 would have taken over long before.
        await Task.Delay(TimeSpan.FromSeconds(3.4));
        await lab.WaitForSoleMasterAsync(lab.Lb2, RoleTimeout);
        Assert.Equal(lab.Lb2.Mac, lab.ClientNeighbourMac());
        lab.Log($"lb1 returns with nopreempt: stays backup; outage {probe.Outage(back).TotalMilliseconds:F0} ms, {probe.Summary()}");
        Assert.True(probe.Outage(back) < TimeSpan.FromMilliseconds(100), "the client lost service although nothing changed hands");
    }

    private static async Task<ClientProbe> StartWithLb2MasterAsync(Lab lab)
    {
        var probe = await lab.StartPairAsync();
        var stopped = Stopwatch.GetTimestamp();
        lab.Lb1.Signal(Posix.SigTerm);
        Assert.True(lab.Lb1.WaitForExit(TimeSpan.FromSeconds(10)), "lb1 did not exit after SIGTERM");
        await lab.WaitForSoleMasterAsync(lab.Lb2, RoleTimeout);
        await lab.WaitForClientNeighbourAsync(lab.Lb2.Mac, TimeSpan.FromSeconds(3));
        await probe.WaitForServiceAsync(20, RoleTimeout, since: stopped);
        return probe;
    }
}
