using System.Text;

namespace Appliance.Host.Store;

/// <summary>
/// Formats a <see cref="LineDiff"/> edit script as a unified diff (the format of <c>diff -u</c> and <c>git diff</c>):
/// <c>---</c>/<c>+++</c> headers, then hunks of changes with <see cref="DefaultContext"/> lines of context, hunks
/// closer than twice the context merged, and "\ No newline at end of file" where a text ends without one.
/// </summary>
internal static class UnifiedDiff
{
    /// <summary>3 lines of context, as <c>diff -u</c>.</summary>
    public const int DefaultContext = 3;

    /// <summary>The unified diff from <paramref name="oldText"/> to <paramref name="newText"/>; empty when they are equal.</summary>
    public static string Format(string oldText, string newText, string oldLabel, string newLabel, int context = DefaultContext)
    {
        var script = LineDiff.Compute(LineDiff.SplitLines(oldText), LineDiff.SplitLines(newText));
        var changes = Enumerable.Range(0, script.Count).Where(i => script[i].Kind != DiffKind.Equal).ToList();
        if (changes.Count == 0)
        {
            return string.Empty;
        }

        var output = new StringBuilder().Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');
        var first = 0;
        while (first < changes.Count)
        {
            // Extend the hunk while the next change is within 2 * context equal lines of the previous one.
            var last = first;
            while (last + 1 < changes.Count && changes[last + 1] - changes[last] <= 2 * context)
            {
                last++;
            }

            var start = Math.Max(0, changes[first] - context);
            var end = Math.Min(script.Count - 1, changes[last] + context);
            AppendHunk(output, script, start, end);
            first = last + 1;
        }

        return output.ToString();
    }

    private static void AppendHunk(StringBuilder output, IReadOnlyList<DiffLine> script, int start, int end)
    {
        var hunk = script.Skip(start).Take(end - start + 1).ToList();
        var oldCount = hunk.Count(l => l.Kind != DiffKind.Insert);
        var newCount = hunk.Count(l => l.Kind != DiffKind.Delete);
        // An empty range names the line before it (0 at the top of the file), as diff -u does.
        var oldStart = LineBefore(script, start, l => l.OldLine) + (oldCount > 0 ? 1 : 0);
        var newStart = LineBefore(script, start, l => l.NewLine) + (newCount > 0 ? 1 : 0);
        output.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
        foreach (var line in hunk)
        {
            output.Append(line.Kind switch { DiffKind.Delete => '-', DiffKind.Insert => '+', _ => ' ' });
            if (line.Text.EndsWith('\n'))
            {
                output.Append(line.Text);
            }
            else
            {
                output.Append(line.Text).Append("\n\\ No newline at end of file\n");
            }
        }
    }

    // The number of the last line of that side before script[index] (0 when none).
    private static int LineBefore(IReadOnlyList<DiffLine> script, int index, Func<DiffLine, int> side)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (side(script[i]) > 0)
            {
                return side(script[i]);
            }
        }

        return 0;
    }

    private static string Range(int start, int count) => count == 1 ? $"{start}" : $"{start},{count}";
}
