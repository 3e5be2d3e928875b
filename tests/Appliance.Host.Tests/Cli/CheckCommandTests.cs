using Appliance.Host.Cli;

namespace Appliance.Host.Tests.Cli;

public sealed class CheckCommandTests
{
    [Fact]
    public void Check_MediaServerGuideConfig_ValidWithNoWarnings()
    {
        var (exit, stdout, stderr) = Run("check", "-f", TestData("media-server.cfg"));

        Assert.Equal(0, exit);
        Assert.Equal(CheckCommand.ValidMessage, stdout.Trim());
        Assert.Equal(string.Empty, stderr);
    }

    [Fact]
    public void Check_MediaServerGuideConfig_HaproxyAgrees()
    {
        if (!File.Exists("/usr/sbin/haproxy"))
        {
            // Debian's haproxy is the reference; .ci/run installs it.
            Assert.Fail("haproxy is not installed (apt-get install haproxy): the reference comparison cannot run");
        }

        var haproxy = ProcessRunner.Run("/usr/sbin/haproxy", "-c", "-f", TestData("media-server.cfg"));

        Assert.Equal(0, haproxy.ExitCode);
        Assert.DoesNotContain("[WARNING]", haproxy.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidConfig_Exit1WithEveryDiagnosticOnStderr()
    {
        var path = WriteTemp("""
            defaults
                mode tcp
                timeout connect 5s
                timeout client 5s
                timeout server 5s
            frontend fe
                bind *:70000
                default_backend nowhere
            backend be
                balance round robin
                server ams1 check
            """);

        var (exit, stdout, stderr) = Run("check", "-f", path);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith($"{path}:7: error: ", StringComparison.Ordinal) && l.Contains("70000", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{path}:8: error: ", StringComparison.Ordinal) && l.Contains("nowhere", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{path}:10: error: ", StringComparison.Ordinal) && l.Contains("roundrobin", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{path}:11: error: ", StringComparison.Ordinal) && l.Contains("ams1", StringComparison.Ordinal));
        Assert.StartsWith("Configuration file is invalid: 4 error(s)", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingFile_Exit1NamingTheFile()
    {
        var (exit, _, stderr) = Run("check", "-f", "/nonexistent/appliance.cfg");

        Assert.Equal(1, exit);
        Assert.Contains("/nonexistent/appliance.cfg", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_DescribesCheckAndRun()
    {
        var (exit, stdout, _) = Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("check", stdout, StringComparison.Ordinal);
        Assert.Contains("run", stdout, StringComparison.Ordinal);
        Assert.Contains("-f", stdout, StringComparison.Ordinal);
    }

    internal static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    internal static string WriteTemp(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"appliance-test-{Guid.NewGuid():N}.cfg");
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args) => CliRunner.Run(args);
}
