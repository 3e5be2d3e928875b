using System.Diagnostics;
using Appliance.LabTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>
/// <c>appliance failover</c> on the master (no kill): the priority-0 advert moves the VIP to the backup after its Skew_Time
/// (RFC 5798 §6.4.2), the client's outage is measured, and the old master, though it has the higher priority and
/// preempts, stays backup while held; <c>--release</c> lets it take the VIP back. With three synced nodes,
/// <c>--to NODE</c> moves the VIP to the chosen node, and the command reads who really took over.
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

    [LabFact]
    public async Task FailoverTo_LowestPriorityNode_ItBecomesMasterAndTheCliNamesIt()
    {
        using var lab = new Lab(output, threeNodes: true);
        await StartSyncedTrioAsync(lab);

        var (exitCode, said, errors) = lab.Lb1.Admin("failover", "--to", "lb3", "--hold", "30s");
        lab.Log($"appliance failover --to lb3 on lb1 (exit {exitCode}):\n{said}{errors}");
        Assert.Equal(0, exitCode);
        Assert.Contains("takeover: lb3: lb3: backup now at priority 254 for 30 s", said, StringComparison.Ordinal);
        Assert.Contains("new master: lb3 (adverts from 10.213.0.13), first advert heard ", said, StringComparison.Ordinal);
        Assert.Contains("lb3 reports MASTER over sync, no other node does", said, StringComparison.Ordinal);

        // lb2 (120) outranks lb3 (100) by configuration; the override made lb3 win, and the VIP and the client followed.
        await lab.WaitForSoleMasterAsync(lab.Lb3, RoleTimeout);
        await lab.WaitForClientNeighbourAsync(lab.Lb3.Mac, TimeSpan.FromSeconds(3));
        Assert.DoesNotContain(lab.Lb2.RoleLines, l => l.Contains("-> MASTER", StringComparison.Ordinal));
    }

    [LabFact]
    public async Task FailoverTo_NodeWithFailedTracker_CliNamesTheRealWinnerAndReleasesTheHold()
    {
        using var lab = new Lab(output, threeNodes: true);
        // lb3's tracker fails from the start: priority 210 - 200 = 10, and the takeover override 254 - 200 = 54, below lb2.
        await StartSyncedTrioAsync(lab, lb3Priority: 210, lb3Extra: ["track_script down \"/bin/false\" interval 100ms weight 200"]);

        var (exitCode, said, errors) = lab.Lb1.Admin("failover", "--to", "lb3", "--hold", "30s");
        lab.Log($"appliance failover --to lb3 on lb1 (exit {exitCode}):\n{said}{errors}");
        Assert.Equal(1, exitCode);
        Assert.Contains("takeover: lb3: lb3: backup now at priority 54 for 30 s", said + errors, StringComparison.Ordinal);
        Assert.Contains("lb3 did not become master; lb2 did (adverts from 10.213.0.12; lb3 reports BACKUP)", errors, StringComparison.Ordinal);
        Assert.Contains("recovery: released this node's hold so the election runs as configured again: this node is BACKUP at priority 150 ", errors, StringComparison.Ordinal);
        Assert.Contains("lb3's takeover override ended too (lb3: released: no hold, no priority override; BACKUP at priority 10)", errors, StringComparison.Ordinal);

        // Released, lb1 (150, preempting) takes the VIP back from lb2: the cluster is where it was before the command.
        await lab.WaitForSoleMasterAsync(lab.Lb1, RoleTimeout);
        Assert.Contains(lab.Lb2.RoleLines, l => l.Contains("BACKUP -> MASTER", StringComparison.Ordinal));
        Assert.False(lab.Lb1.Admin("status").Output.Contains("hold: resigned", StringComparison.Ordinal), "lb1 is still held");
    }

    /// <summary>
    /// lb1 (150) master, lb2 (120) and lb3 (<paramref name="lb3Priority"/>) backups, all three syncing over one pre-shared
    /// key, and the client served through the VIP; returns once lb1 streams to both peers.
    /// </summary>
    private static async Task StartSyncedTrioAsync(Lab lab, int lb3Priority = 100, string[]? lb3Extra = null)
    {
        // Three nodes and their sync services on a shared CI machine: 500 ms adverts keep the trio from flapping.
        lab.AdvertInt = "500ms";
        var psk = Path.Combine(lab.Folder, "sync.psk");
        Commands.Check(ApplianceBuild.Command[0], [.. ApplianceBuild.Command.Skip(1), "cluster", "gen-psk", "--out", psk]);
        lab.Lb1.Start(lab.Config("lb1", 150, SyncLines("lb1", psk)));
        await lab.Lb1.WaitForRoleAsync("MASTER", TimeSpan.FromSeconds(20));
        lab.Lb2.Start(lab.Config("lb2", 120, SyncLines("lb2", psk)));
        lab.Lb3.Start(lab.Config("lb3", lb3Priority, [.. SyncLines("lb3", psk), .. lb3Extra ?? []]));
        await lab.Lb2.WaitForRoleAsync("BACKUP", TimeSpan.FromSeconds(20));
        await lab.Lb3.WaitForRoleAsync("BACKUP", TimeSpan.FromSeconds(20));
        await lab.StartClientAsync();

        var started = Stopwatch.GetTimestamp();
        string status;
        while ((status = lab.Lb1.Admin("sync", "status").Output).Split(" Streaming ").Length < 3)
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(15))
            {
                throw new TimeoutException($"lb1 does not stream to both peers:\n{status}");
            }

            await Task.Delay(100);
        }
    }

    private static string[] SyncLines(string node, string psk)
    {
        string[] nodes = ["lb1", "lb2", "lb3"];
        return
        [
            $"node_name {node}", $"sync_listen {Address(node)}:7400",
            .. nodes.Where(n => n != node).Select(n => $"sync_peer {n} {Address(n)}:7400"), $"sync_psk_file {psk}",
        ];
    }

    private static string Address(string node) => $"10.213.0.1{node[^1]}";
}
