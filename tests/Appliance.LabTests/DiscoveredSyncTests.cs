using System.Diagnostics;
using System.Text.RegularExpressions;
using Appliance.LabTests.Infrastructure;
using Appliance.LabTests.Infrastructure.Sticky;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>
/// Discovery-driven state sync (issue 7): two nodes with <c>discovery mdns</c> and a pre-shared key and no
/// <c>sync_peer</c> line find each other and become each other's sync peers; sticky entries the master learns reach
/// the backup, and <c>appliance sync status</c> and <c>appliance status</c> on the backup show the master as a
/// discovered peer whose stream it applies.
/// </summary>
public sealed partial class DiscoveredSyncTests(ITestOutputHelper output)
{
    private const int SourceClients = 20;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [LabFact]
    public async Task Run_DiscoveryAndPskWithoutSyncPeer_StickyEntriesReachTheBackupAndStatusSaysDiscovered()
    {
        using var sticky = new StickyLab(output, StickyConfigs.StickTables, SourceClients, cookieClients: 0);
        var lab = sticky.Lab;
        lab.AdvertInt = "1s";
        var psk = Path.Combine(lab.Folder, "sync.psk");
        Commands.Check(ApplianceBuild.Command[0], [.. ApplianceBuild.Command.Skip(1), "cluster", "gen-psk", "--out", psk]);
        await lab.StartPairAsync(HaLines("lb1", psk), HaLines("lb2", psk));
        Assert.DoesNotContain("sync_peer", File.ReadAllText(lab.Lb1.ConfigPath!), StringComparison.Ordinal);
        Assert.DoesNotContain("sync_peer", File.ReadAllText(lab.Lb2.ConfigPath!), StringComparison.Ordinal);

        // The master streams to the backup it discovered.
        var master = await WaitForSyncStatusAsync(lab.Lb1, s => PeerRow().Match(s) is { Success: true } m
            && m.Groups["name"].Value == "lb2" && m.Groups["source"].Value == "discovered" && m.Groups["state"].Value == "Streaming");
        lab.Log($"lb1 sync status:\n{master}");

        // Sticky entries created on the master (one per source address) appear on the backup.
        var round = await sticky.Clients.ProbeAsync();
        Assert.True(round.Errors.Count == 0, $"clients failed: {round.Summary()}");
        var masterEntries = Entries(SyncStatus(lab.Lb1));
        Assert.Equal(SourceClients, masterEntries);
        var backup = await WaitForSyncStatusAsync(lab.Lb2, s => Entries(s) == masterEntries);
        lab.Log($"lb2 sync status:\n{backup}");

        var row = PeerRow().Match(backup);
        Assert.True(row.Success, backup);
        Assert.Equal(("lb1", "discovered", "10.213.0.11:7400"), (row.Groups["name"].Value, row.Groups["source"].Value, row.Groups["address"].Value));
        Assert.Matches(@"(?m)^upstream: master lb1 \(discovered\) epoch \d+, applied \d+ of \d+, connected, ", backup);
        Assert.Contains("established: yes", backup, StringComparison.Ordinal);

        var (exitCode, status, errors) = lab.Lb2.Admin("status");
        lab.Log($"lb2 status:\n{status}{errors}");
        Assert.Equal(0, exitCode);
        Assert.Contains("  sync peer lb1 discovered 10.213.0.11:7400 Idle, master streaming to this node", status, StringComparison.Ordinal);
        Assert.Contains(lab.Lb1.Output, l => l.Contains("Sync peer lb2 at 10.213.0.12:7400 added (discovered)", StringComparison.Ordinal));

        // A stopped backup says goodbye: the master removes it once the grace (10 s) has passed with no live stream.
        using var trail = new OutputTrail(lab, lab.Lb1);
        lab.Lb2.Signal(Posix.SigTerm);
        Assert.True(lab.Lb2.WaitForExit(TimeSpan.FromSeconds(10)), "lb2 did not exit after SIGTERM");
        var stopped = Stopwatch.GetTimestamp();
        await CrashFailoverTests.WaitForOutputAsync(lab.Lb1, "discovery lost peer lb2; it is removed in 10 s", TimeSpan.FromSeconds(5));
        await CrashFailoverTests.WaitForOutputAsync(lab.Lb1, "Sync peer lb2 removed (was at 10.213.0.12:7400, discovered)", Timeout);
        var removedAfter = Stopwatch.GetElapsedTime(stopped);
        lab.Log($"lb2 removed from lb1's sync peers {removedAfter.TotalSeconds:F1} s after its stop");
        Assert.True(removedAfter >= TimeSpan.FromSeconds(9), $"removed after {removedAfter.TotalSeconds:F1} s: before the grace");
        var after = SyncStatus(lab.Lb1);
        Assert.False(PeerRow().IsMatch(after), after);
        Assert.Contains("(none yet)", after, StringComparison.Ordinal);
    }

    /// <summary>Writes the node's discovery and sync lines to the test output at the end (the console is mostly the proxy's).</summary>
    private sealed class OutputTrail(Lab lab, LabNode node) : IDisposable
    {
        public void Dispose() => lab.Log($"{node.Name} discovery and sync lines:\n" + string.Join('\n',
            node.Output.Where(l => l.Contains("discover", StringComparison.OrdinalIgnoreCase) || l.Contains("Sync", StringComparison.Ordinal))));
    }

    /// <summary>Discovery with a cluster id and the cluster's pre-shared key: sync on, peers found, none listed.</summary>
    private static string[] HaLines(string node, string psk) =>
        ["discovery mdns sync_port 7400", "cluster_id dsync", $"node_name {node}", $"sync_psk_file {psk}"];

    private static int Entries(string status) =>
        TablesLine().Match(status) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;

    private static string SyncStatus(LabNode node)
    {
        var (exitCode, stdout, stderr) = node.Admin("sync", "status");
        return exitCode == 0 ? stdout : $"(appliance sync status exited {exitCode}: {stderr.Trim()})";
    }

    private static async Task<string> WaitForSyncStatusAsync(LabNode node, Func<string, bool> done)
    {
        var started = Stopwatch.GetTimestamp();
        string status;
        while (!done(status = SyncStatus(node)))
        {
            if (Stopwatch.GetElapsedTime(started) > Timeout)
            {
                throw new TimeoutException($"{node.Name}'s sync status never got there:\n{status}\n{string.Join('\n', node.Output.TakeLast(30))}");
            }

            await Task.Delay(200);
        }

        return status;
    }

    [GeneratedRegex(@"(?m)^(?<name>lb[12]) +(?<source>configured|discovered) +(?<address>\S+) +(?<state>\S+) ")]
    private static partial Regex PeerRow();

    [GeneratedRegex(@"(?m)^tables: .*\bbysrc (\d+)")]
    private static partial Regex TablesLine();
}
