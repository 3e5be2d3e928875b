using System.Diagnostics;
using System.Globalization;
using System.Net;
using Appliance.Bench.Support;
using Appliance.LabTests.Infrastructure.Sticky;

namespace Appliance.Bench.Sync;

/// <summary>
/// <c>sync</c>: the state-sync cells in one lab. <b>Lag</b>: new sticky entries at <c>--rate</c> per second for
/// <c>--seconds</c> through the master (<see cref="StickyLoad"/>), then the master's lag percentiles to its peer
/// (change → peer's ack, over the sync service's window) from `appliance sync status`, and both nodes' table sizes.
/// <b>Convergence</b>: <c>--runs</c> times, a new listener added to lb1's file and `reload` sent to its admin socket,
/// timed until both nodes answer on it. One RESULT line per cell.
/// </summary>
internal static class SyncLagCommand
{
    public static async Task<int> RunAsync(Arguments options)
    {
        var rate = options.Number("rate", 5000);
        var seconds = options.Number("seconds", 20);
        var runs = options.Number("runs", 5);
        using var lab = new SyncBenchLab(options.Text("prefix"), options.Text("lab"), options.Text("appliance"), options.Text("workdir"));
        await lab.StartPairAsync();
        await SyncStatusReader.WaitForStreamingAsync(lab, TimeSpan.FromSeconds(20));

        var load = new StickyLoad(lab.ClientSockets, SyncBenchLab.Vip(StickyConfigs.CookiePort), rate);
        var achieved = await load.RunAsync(TimeSpan.FromSeconds(seconds));
        await SyncStatusReader.WaitForAcknowledgedAsync(lab, TimeSpan.FromSeconds(30));
        var master = lab.Cli("lb1", "sync", "status");
        var lag = SyncStatusReader.Peer(master, "lb2");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT cell=sync-lag rate_target={rate} rate={achieved:F0} seconds={seconds} entries={load.Sessions} errors={load.Errors} " +
            $"p50_ms={lag.P50:F1} p99_ms={lag.P99:F1} " +
            $"lb1_entries={SyncStatusReader.TableEntries(master, "bycookie")} lb2_entries={SyncStatusReader.TableEntries(lab.Cli("lb2", "sync", "status"), "bycookie")}"));

        var times = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            times.Add((await ConvergeOnceAsync(lab, 8100 + run)).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT cell=config-converge runs={runs} median_ms={Percentiles.Of([.. times], 50):F0} max_ms={times[^1]:F0} all_ms={string.Join(',', times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}"));
        return 0;
    }

    /// <summary>Adds a listener on <paramref name="port"/> to lb1's file, reloads lb1 and times until both nodes answer on it.</summary>
    private static async Task<TimeSpan> ConvergeOnceAsync(SyncBenchLab lab, int port)
    {
        IPEndPoint[] nodes = [new(IPAddress.Parse("10.213.0.11"), port), new(IPAddress.Parse("10.213.0.12"), port)];
        File.AppendAllText(lab.ConfigPath("lb1"), StickyConfigs.NewListener(port));
        var started = Stopwatch.GetTimestamp();
        var reload = lab.AdminAsync("lb1", "reload");
        var answered = await ConvergenceProbe.WaitForAllAsync(lab.ClientSockets, nodes, TimeSpan.FromSeconds(10));
        var answer = await reload;
        if (answered.Count < nodes.Length)
        {
            throw new TimeoutException($"the listener on :{port} did not answer on every node within 10 s (reload said '{answer}')");
        }

        return Stopwatch.GetElapsedTime(started, answered.Values.Max());
    }
}
