using System.Diagnostics;
using Appliance.LabTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>
/// <c>global user nobody / group nogroup</c> (or <c>uid</c>/<c>gid</c> numbers) on lb1: the node runs as that user with only the kept capabilities and still
/// does everything VRRP needs: adds the VIP as master, sends adverts and GARP, resigns (priority 0, VIP removed) and
/// takes the VIP back.
/// </summary>
public sealed class DropRootTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RoleTimeout = TimeSpan.FromSeconds(10);

    [LabFact]
    public Task Run_UserNobody_StillMovesTheVip() =>
        RunAsAsync("    user nobody\n    group nogroup\n", "65534", "65534");

    /// <summary>HAProxy's numeric <c>uid</c>/<c>gid</c>, with ids that have no entry in the user and group databases.</summary>
    [LabFact]
    public Task Run_NumericUidAndGid_StillMovesTheVip() =>
        RunAsAsync("    uid 4242\n    gid 4343\n", "4242", "4343");

    private async Task RunAsAsync(string globalLines, string uid, string gid)
    {
        using var lab = new Lab(output);
        // The unprivileged user must read the config in the lab folder; the node creates its state and socket folders as that user.
        Commands.Check("chmod", "755", lab.Folder);
        lab.Lb1.Start(lab.Config("lb1", 150).Replace("global\n", "global\n" + globalLines, StringComparison.Ordinal));
        await lab.Lb1.WaitForRoleAsync("MASTER", TimeSpan.FromSeconds(20));
        lab.Lb2.Start(lab.Config("lb2", 100));
        await lab.Lb2.WaitForRoleAsync("BACKUP", TimeSpan.FromSeconds(20));
        var probe = await lab.StartClientAsync();

        var status = File.ReadAllLines($"/proc/{lab.Lb1.Pid}/status");
        lab.Log(string.Join('\n', status.Where(l => l.StartsWith("Uid", StringComparison.Ordinal) || l.StartsWith("Gid", StringComparison.Ordinal) || l.StartsWith("Cap", StringComparison.Ordinal))));
        Assert.Contains($"Uid:\t{uid}\t{uid}\t{uid}\t{uid}", status);
        Assert.Contains($"Gid:\t{gid}\t{gid}\t{gid}\t{gid}", status);
        Assert.Contains("CapEff:\t0000000000803400", status);
        Assert.True(lab.Lb1.HasVip, $"lb1, running as uid {uid}, did not add the VIP");
        Assert.Equal(lab.Lb1.Mac, lab.ClientNeighbourMac());

        var started = Stopwatch.GetTimestamp();
        Assert.Equal(0, lab.Lb1.Admin("failover", "--hold", "10s").ExitCode);
        await lab.WaitForSoleMasterAsync(lab.Lb2, RoleTimeout);
        await probe.WaitForServiceAsync(20, RoleTimeout, since: started);
        lab.Log($"failover from uid {uid}: outage {probe.Outage(started).TotalMilliseconds:F0} ms");

        Assert.Equal(0, lab.Lb1.Admin("failover", "--release").ExitCode);
        await lab.WaitForSoleMasterAsync(lab.Lb1, RoleTimeout);
        await lab.WaitForClientNeighbourAsync(lab.Lb1.Mac, TimeSpan.FromSeconds(3));
    }
}
