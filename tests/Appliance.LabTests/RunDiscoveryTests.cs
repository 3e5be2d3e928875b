using Appliance.LabTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>
/// <c>discovery mdns</c> in <c>appliance run</c>: two nodes in their namespaces announce themselves, find each other
/// (printed, and listed by <c>appliance status</c>), and a stopped node's goodbye makes the other lose it.
/// </summary>
public sealed class RunDiscoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FindTimeout = TimeSpan.FromSeconds(15);

    [LabFact]
    public async Task Run_DiscoveryMdns_NodesFindEachOtherStatusListsThemAndStopIsLost()
    {
        using var lab = new Lab(output);
        await lab.StartPairAsync(
            ["discovery mdns sync_port 7400", "cluster_id c1", "node_name lb1"],
            ["discovery mdns sync_port 7401", "cluster_id c1", "node_name lb2"]);

        await CrashFailoverTests.WaitForOutputAsync(lab.Lb1, "discovery: found lb2 (lb2 on lb2.local 10.213.0.12 sync 7401, cluster c1)", FindTimeout);
        await CrashFailoverTests.WaitForOutputAsync(lab.Lb2, "discovery: found lb1 (lb1 on lb1.local 10.213.0.11 sync 7400, cluster c1)", FindTimeout);

        var status = lab.Lb1.Admin("status");
        lab.Log(status.Output);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("discovery: mdns as 'lb1', 1 peer(s) found", status.Output, StringComparison.Ordinal);
        Assert.Contains("  discovered lb2 10.213.0.12 sync 7401 (lb2 on lb2.local)", status.Output, StringComparison.Ordinal);

        lab.Lb2.Signal(Posix.SigTerm);
        Assert.True(lab.Lb2.WaitForExit(TimeSpan.FromSeconds(10)), "lb2 did not exit after SIGTERM");
        // The goodbye (TTL 0) removes it one second later (RFC 6762 §10.1), not at the 120 s TTL.
        await CrashFailoverTests.WaitForOutputAsync(lab.Lb1, "discovery: lost lb2", TimeSpan.FromSeconds(5));
        Assert.Contains("discovery: mdns as 'lb1', 0 peer(s) found", lab.Lb1.Admin("status").Output, StringComparison.Ordinal);
    }
}
