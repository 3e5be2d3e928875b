using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Appliance.Bench.Sync;

/// <summary>
/// Reads `appliance sync status` (appliance/src/Appliance.Host/Sync/SyncStatusText.cs): the peer table
/// (<c>PEER SOURCE ADDRESS STATE ACKED UNACKED LAG-P50 LAG-P99 ...</c>, lags as <c>1.2ms</c> or <c>-</c>) and the
/// <c>tables: NAME N, NAME N</c> line.
/// </summary>
internal static partial class SyncStatusReader
{
    /// <summary>The peer's row: state, unacknowledged changes, lag p50 and p99 in milliseconds (NaN without samples).</summary>
    public static (string State, long Unacknowledged, double P50, double P99) Peer(string status, string peer)
    {
        // The SOURCE column (configured/discovered) sits between the name and the address: skip it.
        var row = status.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 8 && w[0] == peer && w[1] is "configured" or "discovered").Select(w => (string[])[w[0], .. w[2..]])
            .FirstOrDefault(w => w[1].Contains(':', StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no row for peer {peer} in 'appliance sync status':\n{status}");
        return (row[2], long.Parse(row[4], CultureInfo.InvariantCulture), Milliseconds(row[5]), Milliseconds(row[6]));
    }

    /// <summary>The live entries of <paramref name="table"/> on the <c>tables:</c> line.</summary>
    public static long TableEntries(string status, string table)
    {
        var match = TablesLine().Match(status);
        var entry = match.Success
            ? match.Groups[1].Value.Split(',').Select(t => t.Trim().Split(' ')).FirstOrDefault(t => t is [var name, _] && name == table)
            : null;
        return entry is [_, var count]
            ? long.Parse(count, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"no table {table} in 'appliance sync status':\n{status}");
    }

    /// <summary>Waits until lb1 streams to lb2.</summary>
    public static async Task WaitForStreamingAsync(SyncBenchLab lab, TimeSpan timeout) =>
        await PollAsync(lab, timeout, s => Peer(s, "lb2").State == "Streaming", "lb1 never streamed to lb2");

    /// <summary>Waits until lb2 has acknowledged everything lb1 sent (polled through the CLI, so coarse: not a measure).</summary>
    public static async Task<TimeSpan> WaitForAcknowledgedAsync(SyncBenchLab lab, TimeSpan timeout) =>
        await PollAsync(lab, timeout, s => Peer(s, "lb2").Unacknowledged == 0, "lb2 never acknowledged everything");

    private static async Task<TimeSpan> PollAsync(SyncBenchLab lab, TimeSpan timeout, Func<string, bool> done, string failure)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var status = lab.Cli("lb1", "sync", "status");
            if (done(status))
            {
                return Stopwatch.GetElapsedTime(started);
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{failure} within {timeout.TotalSeconds:F0} s:\n{status}");
            }

            await Task.Delay(100);
        }
    }

    private static double Milliseconds(string lag) =>
        lag.EndsWith("ms", StringComparison.Ordinal) ? double.Parse(lag[..^2], CultureInfo.InvariantCulture) : double.NaN;

    [GeneratedRegex(@"^tables: (.*)$", RegexOptions.Multiline)]
    private static partial Regex TablesLine();
}
