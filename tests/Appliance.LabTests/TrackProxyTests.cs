using System.Diagnostics;
using Appliance.LabTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary><c>track_proxy</c>: a master whose proxy can no longer reach any backend gives the VIP to a healthy peer.</summary>
public sealed class TrackProxyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RoleTimeout = TimeSpan.FromSeconds(15);

    [LabFact]
    public async Task TrackProxy_MasterLosesItsBackends_PeerTakesOverAndMasterReclaimsWhenTheyReturn()
    {
        using var lab = new Lab(output);
        var probe = await lab.StartPairAsync(["track_proxy"], ["track_proxy"]);

        // Only lb1 loses the backend: a blackhole route in its namespace fails its health checks (fall 3 x 500 ms).
        var fault = Stopwatch.GetTimestamp();
        Commands.Check("ip", "-n", lab.NamespaceOf("lb1"), "route", "add", "blackhole", "10.213.0.21/32");
        await CrashFailoverTests.WaitForOutputAsync(lab.Lb1, "priority 150 -> 1 (failed trackers: proxy)", RoleTimeout);
        await lab.WaitForSoleMasterAsync(lab.Lb2, RoleTimeout);
        await lab.WaitForClientNeighbourAsync(lab.Lb2.Mac, TimeSpan.FromSeconds(3));
        await probe.WaitForServiceAsync(20, RoleTimeout, since: fault);
        lab.Log($"lb1 loses its backends: outage {probe.Outage(fault).TotalMilliseconds:F0} ms (mostly the health check's fall 3 x inter 500 ms), {probe.Summary()}");

        var back = Stopwatch.GetTimestamp();
        Commands.Check("ip", "-n", lab.NamespaceOf("lb1"), "route", "del", "blackhole", "10.213.0.21/32");
        await CrashFailoverTests.WaitForOutputAsync(lab.Lb1, "priority 1 -> 150", RoleTimeout);
        await lab.WaitForSoleMasterAsync(lab.Lb1, RoleTimeout);
        await lab.WaitForClientNeighbourAsync(lab.Lb1.Mac, TimeSpan.FromSeconds(3));
        await probe.WaitForServiceAsync(20, RoleTimeout, since: back);
        var outage = probe.Outage(back);
        lab.Log($"backends back, lb1 preempts: outage {outage.TotalMilliseconds:F0} ms, {probe.Summary()}");
        Assert.True(outage < TimeSpan.FromMilliseconds(200), $"a planned handover between two healthy proxies cost {outage.TotalMilliseconds:F0} ms");
    }
}
