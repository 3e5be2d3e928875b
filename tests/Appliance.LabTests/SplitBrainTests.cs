using System.Diagnostics;
using Appliance.LabTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>Two masters at once (a frozen master resumes, a partition heals): exactly one survives and re-sends GARP.</summary>
public sealed class SplitBrainTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RoleTimeout = TimeSpan.FromSeconds(10);

    [LabFact]
    public async Task FreezeMaster_SigstopBeyondMasterDownThenResume_OneMasterAndWinnerResendsGarp()
    {
        using var lab = new Lab(output);
        var probe = await lab.StartPairAsync();

        var fault = Stopwatch.GetTimestamp();
        lab.Lb1.Signal(Posix.SigStop);
        await lab.Lb2.WaitForRoleAsync("MASTER", RoleTimeout);
        await probe.WaitForServiceAsync(20, RoleTimeout, since: fault);
        lab.Log($"master frozen: outage {probe.Outage(fault).TotalMilliseconds:F0} ms, {probe.Summary()}");
        Assert.Equal(lab.Lb2.Mac, lab.ClientNeighbourMac());
        // Frozen well beyond Master_Down_Interval (360 ms), as a stalled VM or a long GC pause would be.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var resume = Stopwatch.GetTimestamp();
        lab.Lb1.Signal(Posix.SigCont);
        await lab.WaitForSoleMasterAsync(lab.Lb1, RoleTimeout);
        // The client's entry still names lb2 (its GARP was the last word, and TCP keeps the entry fresh); only a
        // fresh GARP from lb1 moves it back within seconds. The incumbents leave it stale (DESIGN).
        await lab.WaitForClientNeighbourAsync(lab.Lb1.Mac, TimeSpan.FromSeconds(3));
        await probe.WaitForServiceAsync(20, RoleTimeout, since: resume);
        lab.Log($"resumed, lb1 wins: outage {probe.Outage(resume).TotalMilliseconds:F0} ms, {probe.Summary()}");
        Assert.Single(lab.VipHolders());
    }

    [LabFact]
    public async Task Partition_BridgePortDownThenUp_BothMastersThenOneWithGarp()
    {
        using var lab = new Lab(output);
        var probe = await lab.StartPairAsync();

        var fault = Stopwatch.GetTimestamp();
        lab.SetBridgePort("lb1", up: false);
        await lab.Lb2.WaitForRoleAsync("MASTER", RoleTimeout);
        await probe.WaitForServiceAsync(20, RoleTimeout, since: fault);
        lab.Log($"partition: outage {probe.Outage(fault).TotalMilliseconds:F0} ms, {probe.Summary()}");
        Assert.Equal("MASTER", lab.Lb1.Role);
        Assert.Equal(2, lab.VipHolders().Count);
        Assert.Equal(lab.Lb2.Mac, lab.ClientNeighbourMac());

        var heal = Stopwatch.GetTimestamp();
        lab.SetBridgePort("lb1", up: true);
        await lab.WaitForSoleMasterAsync(lab.Lb1, RoleTimeout);
        await lab.WaitForClientNeighbourAsync(lab.Lb1.Mac, TimeSpan.FromSeconds(3));
        await probe.WaitForServiceAsync(20, RoleTimeout, since: heal);
        lab.Log($"partition healed, lb1 wins: outage {probe.Outage(heal).TotalMilliseconds:F0} ms, {probe.Summary()}");
        Assert.Contains(lab.Lb2.RoleLines, l => l.Contains("role MASTER -> BACKUP (HigherPriorityAdvert)", StringComparison.Ordinal));
    }
}
