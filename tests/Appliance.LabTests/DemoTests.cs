using System.Text.RegularExpressions;
using Appliance.LabTests.Infrastructure;
using Xunit.Abstractions;

namespace Appliance.LabTests;

/// <summary>
/// The demo started the way README.md says (its first command, as root): the VIP answers from the client namespace, a
/// killed master's VIP moves to the other node and keeps answering, and Ctrl-C (SIGINT) removes every namespace, link,
/// process and file it made. Without root it explains what it needs and exits non-zero.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DemoTests(ITestOutputHelper output)
{
    private const string Vip = "10.213.0.10";
    private static readonly TimeSpan Build = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    [LabFact("python3", "curl")]
    public void Demo_ReadmeFirstCommandWithFailover_ReachesVipSurvivesFailoverAndCtrlCRemovesEverything()
    {
        var command = ReadmeFirstCommand();
        Assert.Equal("sudo scripts/demo", command);
        var script = Path.Combine(ApplianceBuild.RepositoryRoot, command["sudo ".Length..]);
        // The failover timer shortened from 20 s so the test sees one failover soon after the start. SIGINT back to its
        // default: a runner started in the background of a non-interactive shell passes SIGINT on ignored, and bash
        // cannot trap a signal ignored on entry, so Ctrl-C would never reach the demo's trap.
        using var demo = new LabProcess("demo", ["env", "--default-signal=INT", "DEMO_FAILOVER_EVERY=12", script, "--failover"]);
        var prefix = $"demo{demo.Pid}";
        var started = new HashSet<int>();
        try
        {
            var vipLine = WaitForLine(demo, l => l.StartsWith("VIP URL: ", StringComparison.Ordinal), Build);
            Assert.Equal($"VIP URL: http://{Vip}/", vipLine);
            Assert.Contains(demo.Lines, l => l.Contains($"sudo ip netns exec {prefix}-cl curl -s http://{Vip}/", StringComparison.Ordinal));
            var stats = Regex.Match(WaitForLine(demo, l => l.StartsWith("stats page: ", StringComparison.Ordinal), Step),
                @"^stats page: (\S+)  user (\S+)  password (\S+)$");
            Assert.True(stats.Success, string.Join('\n', demo.Lines));
            var work = Regex.Match(WaitForLine(demo, l => l.StartsWith("runtime CLI: ", StringComparison.Ordinal), Step), @"--socket (/tmp/appliance-demo\.\w+)/lb1\.sock$").Groups[1].Value;
            Assert.True(Directory.Exists(work), work);
            Assert.Equal(5, Namespaces(prefix).Count);

            var first = AskVip(prefix, "lb1");
            output.WriteLine($"before the failover: {first}");
            var csv = Commands.Run("ip", ["netns", "exec", $"{prefix}-cl", "curl", "-sS", "--max-time", "5", "-u", $"{stats.Groups[2].Value}:{stats.Groups[3].Value}", stats.Groups[1].Value + ";csv"]);
            Assert.Contains("web,web1,", csv.Output, StringComparison.Ordinal);
            var refused = Commands.Run("ip", ["netns", "exec", $"{prefix}-cl", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", stats.Groups[1].Value]);
            Assert.Equal("401", refused.Output);

            WaitForLine(demo, l => l.Contains("killing the master lb1", StringComparison.Ordinal), Step);
            WaitForLine(demo, l => l.StartsWith("[lb2] ha: ", StringComparison.Ordinal) && l.Contains("-> MASTER", StringComparison.Ordinal), Step);
            var after = AskVip(prefix, "lb2");
            output.WriteLine($"after the failover: {after}");
            WaitForLine(demo, l => l.Contains("restarting lb1", StringComparison.Ordinal), Step);

            foreach (var ns in Namespaces(prefix))
            {
                started.UnionWith(Pids(ns));
            }

            started.UnionWith(Descendants(demo.Pid));
            Assert.NotEmpty(started);
            demo.Signal(2);   // SIGINT, as Ctrl-C
            Assert.True(demo.WaitForExit(TimeSpan.FromSeconds(90)), "the demo did not stop within 90 s of SIGINT");
            // The output reader may still be delivering the last lines when the process has exited.
            for (var wait = 0; wait < 50 && !demo.Lines.Any(l => l.StartsWith("demo stopped", StringComparison.Ordinal)); wait++)
            {
                Thread.Sleep(100);
            }

            Assert.Contains(demo.Lines, l => l.StartsWith("demo stopped", StringComparison.Ordinal));

            Assert.Empty(Namespaces(prefix));
            Assert.DoesNotContain(prefix, Commands.Check("ip", "-o", "link", "show"), StringComparison.Ordinal);
            Assert.Empty(StillRunning(started).Select(Describe));
            Assert.False(Directory.Exists(work), $"{work} is left");
        }
        finally
        {
            output.WriteLine(string.Join('\n', demo.Lines));
            foreach (var pid in started.Where(IsRunning))
            {
                Posix.Kill(pid, Posix.SigKill);
            }

            Commands.Run("bash", [ApplianceBuild.LabScript, "down", prefix]);
        }
    }

    [LabFact("setpriv")]
    public void Demo_WithoutRoot_ExplainsWhatItNeedsAndExitsOne()
    {
        using var copy = new UnprivilegedCopy();
        var (exitCode, stdout, stderr) = copy.RunAsNobody([copy.Script]);

        Assert.Equal(1, exitCode);
        Assert.Contains("scripts/demo needs root and network namespaces (ip netns)", stderr, StringComparison.Ordinal);
        Assert.Contains("scripts/demo --local", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [LabFact("setpriv")]
    public void ApplianceDemo_WithoutRoot_RunsTheDemoWhichExplainsAndExitsOne()
    {
        using var copy = new UnprivilegedCopy();
        var (exitCode, _, stderr) = copy.RunAsNobody([.. copy.Appliance, "demo", "--failover"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("scripts/demo needs root and network namespaces (ip netns)", stderr, StringComparison.Ordinal);
    }

    private static string ReadmeFirstCommand()
    {
        var readme = File.ReadAllText(Path.Combine(ApplianceBuild.RepositoryRoot, "README.md"));
        var block = Regex.Match(readme, "```sh\n(?<line>[^\n]*)\n");
        Assert.True(block.Success, "README.md has no ```sh block");
        return block.Groups["line"].Value.Split('#')[0].Trim();
    }

    // Asks the VIP from the client namespace until the given node answers with a backend's page.
    private static string AskVip(string prefix, string node)
    {
        var deadline = DateTime.UtcNow + Step;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            var (exitCode, text, errors) = Commands.Run("ip", ["netns", "exec", $"{prefix}-cl", "curl", "-sS", "-i", "--max-time", "3", $"http://{Vip}/"]);
            last = text + errors;
            if (exitCode == 0 && Regex.IsMatch(text, $@"(?im)^x-served-by: {node}\r?$") && Regex.Match(text, @"hello from web\d") is { Success: true } page)
            {
                return $"{page.Value} via {node}";
            }

            Thread.Sleep(500);
        }

        throw new TimeoutException($"the VIP did not answer via {node} within {Step}; last answer:\n{last}");
    }

    private static string WaitForLine(LabProcess process, Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.Lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            Assert.False(process.HasExited, $"the demo exited:\n{string.Join('\n', process.Lines)}");
            Thread.Sleep(200);
        }

        throw new TimeoutException($"no such line within {timeout}:\n{string.Join('\n', process.Lines)}");
    }

    private static List<string> Namespaces(string prefix) =>
        [.. Commands.Check("ip", "netns", "list").Split('\n').Select(l => l.Split(' ')[0]).Where(n => n.StartsWith(prefix + "-", StringComparison.Ordinal))];

    private static IEnumerable<int> Pids(string ns) =>
        Commands.Check("ip", "netns", "pids", ns).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);

    // Every process below pid, from /proc/*/stat's parent field.
    private static HashSet<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var child))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    parents[child] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // Exited meanwhile.
                }
            }
        }

        var found = new HashSet<int>();
        for (var added = true; added;)
        {
            added = false;
            foreach (var (child, parent) in parents)
            {
                if ((parent == pid || found.Contains(parent)) && found.Add(child))
                {
                    added = true;
                }
            }
        }

        return found;
    }

    // Exited processes waiting to be reaped (zombies) do not count; reaping may take a moment after the demo exits.
    private static List<int> StillRunning(IEnumerable<int> pids)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        List<int> running;
        while ((running = [.. pids.Where(IsRunning)]).Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
        }

        return running;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[stat.LastIndexOf(')') + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Describe(int pid)
    {
        try
        {
            return $"{pid}: {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ')}";
        }
        catch (IOException)
        {
            return $"{pid}: (exited)";
        }
    }
}
