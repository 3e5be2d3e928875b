using System.Diagnostics;
using Appliance.LabTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>
/// <c>global user nobody / group nogroup</c> on lb1: the node runs as nobody with only the kept capabilities and still
/// does everything VRRP needs: adds the VIP as master, sends adverts and GARP, resigns (priority 0, VIP removed) and
/// takes the VIP back.
/// </summary>
public sealed class DropRootTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RoleTimeout = TimeSpan.FromSeconds(10);

    [LabFact]
    public async Task Run_UserNobody_StillMovesTheVip()
    {
        using var lab = new Lab(output);
        // nobody must read the config in the lab folder; the node creates its state and socket folders as nobody.
        Commands.Check("chmod", "755", lab.Folder);
        lab.Lb1.Start(lab.Config("lb1", 150).Replace("global\n", "global\n    user nobody\n    group nogroup\n", StringComparison.Ordinal));
        await lab.Lb1.WaitForRoleAsync("MASTER", TimeSpan.FromSeconds(20));
        lab.Lb2.Start(lab.Config("lb2", 100));
        await lab.Lb2.WaitForRoleAsync("BACKUP", TimeSpan.FromSeconds(20));
        var probe = await lab.StartClientAsync();

        var status = File.ReadAllLines($"/proc/{lab.Lb1.Pid}/status");
        lab.Log(string.Join('\n', status.Where(l => l.StartsWith("Uid", StringComparison.Ordinal) || l.StartsWith("Cap", StringComparison.Ordinal))));
        Assert.Contains("Uid:\t65534\t65534\t65534\t65534", status);
        Assert.Contains("CapEff:\t0000000000803400", status);
        Assert.True(lab.Lb1.HasVip, "lb1, running as nobody, did not add the VIP");
        Assert.Equal(lab.Lb1.Mac, lab.ClientNeighbourMac());

        var started = Stopwatch.GetTimestamp();
        Assert.Equal(0, lab.Lb1.Admin("failover", "--hold", "10s").ExitCode);
        await lab.WaitForSoleMasterAsync(lab.Lb2, RoleTimeout);
        await probe.WaitForServiceAsync(20, RoleTimeout, since: started);
        lab.Log($"failover from nobody: outage {probe.Outage(started).TotalMilliseconds:F0} ms");

        Assert.Equal(0, lab.Lb1.Admin("failover", "--release").ExitCode);
        await lab.WaitForSoleMasterAsync(lab.Lb1, RoleTimeout);
        await lab.WaitForClientNeighbourAsync(lab.Lb1.Mac, TimeSpan.FromSeconds(3));
    }
}
