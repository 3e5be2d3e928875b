using Appliance.Host.Store;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Store;

/// <summary>The line diff and its unified format, with GNU <c>diff -u</c> as the reference for the hunks.</summary>
public sealed class UnifiedDiffTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string> Pairs => new()
    {
        { "a\nb\nc\n", "a\nB\nc\n" },
        { "", "a\nb\n" },
        { "a\nb\n", "" },
        { "x\n", "a\nx\n" },
        { "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n", "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nL\nm\n" },
        { "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nB\nc\nd\ne\nf\nG\nh\n" },
        { "a\nb\nc", "a\nb\nc\n" },
        { "a\nb\nc\n", "a\nb\nC" },
        { "frontend www\n    bind :80\n    default_backend web\nbackend web\n    server a 10.0.0.1:80\n    server b 10.0.0.2:80\n",
          "frontend www\n    bind :80\n    bind :443 ssl crt /etc/c.pem\n    default_backend web\nbackend web\n    balance leastconn\n    server b 10.0.0.2:80\n    server c 10.0.0.3:80\n" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Format_Pair_SameHunksAsGnuDiff(string oldText, string newText)
    {
        Assert.True(File.Exists("/usr/bin/diff"), "diff (diffutils) is not installed: the reference comparison cannot run");
        var oldPath = _temp.Write("old", oldText);
        var newPath = _temp.Write("new", newText);
        var reference = ProcessRunner.Run("/usr/bin/diff", "-u", oldPath, newPath).Output;

        var ours = UnifiedDiff.Format(oldText, newText, "old", "new");

        Assert.Equal(Hunks(reference), Hunks(ours));
    }

    [Fact]
    public void Format_EqualTexts_Empty()
    {
        Assert.Equal(string.Empty, UnifiedDiff.Format("a\nb\n", "a\nb\n", "v1", "v2"));
    }

    [Fact]
    public void Format_OneChange_HeadersThenHunk()
    {
        Assert.Equal("--- v1\n+++ v2\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n", UnifiedDiff.Format("a\nb\n", "a\nc\n", "v1", "v2"));
    }

    [Fact]
    public void Compute_ReplacedMiddle_ShortestScriptDeletesBeforeInserting()
    {
        var script = LineDiff.Compute(["a\n", "b\n", "c\n", "d\n"], ["a\n", "x\n", "y\n", "d\n"]);

        Assert.Equal(
            ["=a", "-b", "-c", "+x", "+y", "=d"],
            script.Select(l => (l.Kind switch { DiffKind.Equal => "=", DiffKind.Delete => "-", _ => "+" }) + l.Text.TrimEnd('\n')));
        Assert.Equal([(1, 1), (2, 0), (3, 0), (0, 2), (0, 3), (4, 4)], script.Select(l => (l.OldLine, l.NewLine)));
    }

    [Fact]
    public void Compute_RandomTexts_ScriptRebuildsBothSidesWithFewestEdits()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 30)).Select(_ => $"{random.Next(0, 5)}\n").ToList();
            var b = Enumerable.Range(0, random.Next(0, 30)).Select(_ => $"{random.Next(0, 5)}\n").ToList();

            var script = LineDiff.Compute(a, b);

            Assert.Equal(a, script.Where(l => l.Kind != DiffKind.Insert).Select(l => l.Text));
            Assert.Equal(b, script.Where(l => l.Kind != DiffKind.Delete).Select(l => l.Text));
            // A shortest script keeps a longest common subsequence.
            Assert.Equal(LongestCommonSubsequence(a, b), script.Count(l => l.Kind == DiffKind.Equal));
        }
    }

    [Fact]
    public void SplitLines_LastLineWithoutNewline_KeptWithoutTerminator()
    {
        Assert.Equal(["a\n", "b"], LineDiff.SplitLines("a\nb"));
        Assert.Empty(LineDiff.SplitLines(string.Empty));
    }

    // Everything from the first hunk header: the ---/+++ lines name files and times differently.
    private static string Hunks(string diff) => diff.Length == 0 ? diff : diff[diff.IndexOf("@@", StringComparison.Ordinal)..];

    private static int LongestCommonSubsequence(List<string> a, List<string> b)
    {
        var table = new int[a.Count + 1, b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[a.Count, b.Count];
    }
}
