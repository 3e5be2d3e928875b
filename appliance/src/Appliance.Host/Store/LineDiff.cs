namespace Appliance.Host.Store;

/// <summary>
/// A shortest line edit script between two texts: Myers' O((N+M)D) greedy algorithm ("An O(ND) Difference Algorithm
/// and Its Variations", 1986), keeping each round's furthest-reaching paths to walk the script back. Configuration
/// files are small (hundreds to a few thousand lines) so the quadratic-in-D memory of the trace is no concern.
/// </summary>
internal static class LineDiff
{
    /// <summary>Splits <paramref name="text"/> into lines that keep their "\n"; a last line without one is kept as is.</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }

    /// <summary>The edit script turning <paramref name="oldLines"/> into <paramref name="newLines"/>, in order; deletions come before insertions at a change.</summary>
    public static IReadOnlyList<DiffLine> Compute(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        int n = oldLines.Count, m = newLines.Count, max = n + m, offset = max + 1;
        // v[k + offset]: the furthest x reached on diagonal k (y = x - k) with the current number of edits.
        var v = new int[(2 * max) + 3];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = Down(v, k, d, offset) ? v[k + 1 + offset] : v[k - 1 + offset] + 1;
                var y = x - k;
                while (x < n && y < m && oldLines[x] == newLines[y])
                {
                    x++;
                    y++;
                }

                v[k + offset] = x;
                if (x >= n && y >= m)
                {
                    return Backtrack(oldLines, newLines, trace, offset);
                }
            }
        }

        throw new InvalidOperationException("unreachable: D = N + M always reaches the end");
    }

    // An insertion (step down from diagonal k+1) when at the lower edge, or when k+1 reached further than k-1.
    private static bool Down(int[] v, int k, int d, int offset) =>
        k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset]);

    private static List<DiffLine> Backtrack(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines, List<int[]> trace, int offset)
    {
        var script = new List<DiffLine>();
        int x = oldLines.Count, y = newLines.Count;
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var v = trace[d];
            var k = x - y;
            var previousK = Down(v, k, d, offset) ? k + 1 : k - 1;
            var previousX = v[previousK + offset];
            var previousY = previousX - previousK;
            while (x > previousX && y > previousY)
            {
                script.Add(new DiffLine(DiffKind.Equal, oldLines[x - 1], x, y));
                x--;
                y--;
            }

            if (d > 0 && x == previousX)
            {
                script.Add(new DiffLine(DiffKind.Insert, newLines[y - 1], 0, y));
            }
            else if (d > 0)
            {
                script.Add(new DiffLine(DiffKind.Delete, oldLines[x - 1], x, 0));
            }

            x = previousX;
            y = previousY;
        }

        script.Reverse();
        return script;
    }
}
