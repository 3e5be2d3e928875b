using Appliance.Host.Cli;
using Appliance.Host.Store;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Cli;

/// <summary><c>appliance config ...</c> in-process against a store written by <see cref="ConfigStore"/>.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private const string V1 = "defaults\n    mode tcp\n    timeout connect 2s\n    timeout client 30s\n    timeout server 30s\nlisten rtmp\n    bind 127.0.0.1:1935\n    server media1 127.0.0.1:19350\n";
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly string V2 = V1.Replace("19350", "19351", StringComparison.Ordinal);
    private readonly TempDirectory _temp = new();

    public ConfigCommandTests()
    {
        StateDir = Path.Combine(_temp.Path, "state");
    }

    private string StateDir { get; }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void History_ThreeVersions_NewestFirstWithTimeOriginHashPrefixNodeAndRollbackNote()
    {
        Seed(V1, V2, V1);

        var (exit, stdout, stderr) = Run("config", "history", "--state-dir", StateDir);

        Assert.Equal((0, string.Empty), (exit, stderr));
        var h1 = ConfigStore.Hash(V1)[..12];
        var h2 = ConfigStore.Hash(V2)[..12];
        Assert.Equal(
            $"""
            VERSION  APPLIED (UTC)         ORIGIN     SHA256        NODE
                  3  2026-11-22T10:10:00Z  reload     {h1}  lb1  = v1
                  2  2026-11-22T10:05:00Z  reload     {h2}  lb1
                  1  2026-11-22T10:00:00Z  start      {h1}  lb1

            """,
            stdout);
    }

    [Fact]
    public void History_EmptyStore_SaysSoExit0()
    {
        ConfigStore.Open(new StateDirectory(StateDir));

        var (exit, stdout, _) = Run("config", "history", "--state-dir", StateDir);

        Assert.Equal(0, exit);
        Assert.Equal($"no configuration is recorded in {StateDir}/store.db yet\n", stdout);
    }

    [Fact]
    public void History_NoStore_Exit1NamingTheDirectory()
    {
        var (exit, stdout, stderr) = Run("config", "history", "--state-dir", StateDir);

        Assert.Equal((1, string.Empty), (exit, stdout));
        Assert.Equal(
            $"config history: no config store at {StateDir}/store.db: 'appliance run --state-dir {StateDir}' creates it when it starts\n",
            stderr);
    }

    [Fact]
    public void History_DamagedStore_Exit1AndFileLeftForTheNode()
    {
        Directory.CreateDirectory(StateDir);
        File.WriteAllText(Path.Combine(StateDir, "store.db"), "garbage");

        var (exit, _, stderr) = Run("config", "history", "--state-dir", StateDir);

        Assert.Equal(1, exit);
        Assert.StartsWith($"config history: the store at {StateDir}/store.db is damaged (", stderr, StringComparison.Ordinal);
        Assert.Equal("garbage", File.ReadAllText(Path.Combine(StateDir, "store.db")));
    }

    [Fact]
    public void Show_Version_PrintsTheExactText()
    {
        Seed(V1, V2);

        var (exit, stdout, _) = Run("config", "show", "1", "--state-dir", StateDir);

        Assert.Equal((0, V1), (exit, stdout));
    }

    [Fact]
    public void Show_UnknownVersion_Exit1WithTheRange()
    {
        Seed(V1, V2);

        var (exit, stdout, stderr) = Run("config", "show", "9", "--state-dir", StateDir);

        Assert.Equal((1, string.Empty), (exit, stdout));
        Assert.Equal($"config show: no version 9 in {StateDir}/store.db (versions 1 to 2)\n", stderr);
    }

    [Fact]
    public void Show_NotANumber_Exit1()
    {
        Seed(V1);

        var (exit, _, stderr) = Run("config", "show", "latest", "--state-dir", StateDir);

        Assert.Equal(1, exit);
        Assert.Contains("latest", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_OneVersion_UnifiedDiffAgainstTheNewest()
    {
        Seed(V1, V2);

        var (exit, stdout, _) = Run("config", "diff", "1", "--state-dir", StateDir);

        Assert.Equal(0, exit);
        Assert.Equal(
            """
            --- v1	2026-11-22T10:00:00Z start
            +++ v2	2026-11-22T10:05:00Z reload
            @@ -5,4 +5,4 @@
                 timeout server 30s
             listen rtmp
                 bind 127.0.0.1:1935
            -    server media1 127.0.0.1:19350
            +    server media1 127.0.0.1:19351

            """,
            stdout);
    }

    [Fact]
    public void Diff_TwoVersions_FromAToB()
    {
        Seed(V1, V2, "global\n");

        var (exit, stdout, _) = Run("config", "diff", "2", "1", "--state-dir", StateDir);

        Assert.Equal(0, exit);
        Assert.Contains("--- v2\t", stdout, StringComparison.Ordinal);
        Assert.Contains("+++ v1\t", stdout, StringComparison.Ordinal);
        Assert.Contains("-    server media1 127.0.0.1:19351\n+    server media1 127.0.0.1:19350\n", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_SameText_NothingExit0()
    {
        Seed(V1, V2, V1);

        var (exit, stdout, _) = Run("config", "diff", "1", "3", "--state-dir", StateDir);

        Assert.Equal((0, string.Empty), (exit, stdout));
    }

    [Fact]
    public void Diff_UnknownVersion_Exit1()
    {
        Seed(V1);

        var (exit, _, stderr) = Run("config", "diff", "1", "4", "--state-dir", StateDir);

        Assert.Equal(1, exit);
        Assert.Equal($"config diff: no version 4 in {StateDir}/store.db (versions 1 to 1)\n", stderr);
    }

    [Fact]
    public void Rollback_NoRunningNode_FileUpdatedAndSaysSo()
    {
        Seed(V1, V2);
        var path = _temp.Write("lb.cfg", V2);

        var (exit, stdout, stderr) = Run("config", "rollback", "1", "-f", path, "--state-dir", StateDir);

        Assert.Equal((0, string.Empty), (exit, stderr));
        Assert.Equal(V1, File.ReadAllText(path));
        Assert.Equal(
            $"config rollback: wrote version 1 ({ConfigStore.Hash(V1)[..12]}) to {path}\n" +
            $"config rollback: no running appliance to reload (no pid file at {StateDir}/appliance.pid); {path} applies at the next start\n",
            stdout);
    }

    [Fact]
    public void Rollback_VersionNoLongerValid_Exit1WithDiagnosticsAndFileUnchanged()
    {
        Seed("frontend fe\n    bind 127.0.0.1:1935\n    default_backend gone\n", V1);
        var path = _temp.Write("lb.cfg", V1);

        var (exit, stdout, stderr) = Run("config", "rollback", "1", "-f", path, "--state-dir", StateDir);

        Assert.Equal((1, string.Empty), (exit, stdout));
        Assert.Contains($"{path}:3: error:", stderr, StringComparison.Ordinal);
        Assert.EndsWith($"config rollback: version 1 does not validate now (1 error(s)); {path} is unchanged\n", stderr, StringComparison.Ordinal);
        Assert.Equal(V1, File.ReadAllText(path));
    }

    [Fact]
    public void Rollback_UnknownVersion_Exit1AndFileUnchanged()
    {
        Seed(V1);
        var path = _temp.Write("lb.cfg", V1 + "# edited\n");

        var (exit, _, stderr) = Run("config", "rollback", "5", "-f", path, "--state-dir", StateDir);

        Assert.Equal(1, exit);
        Assert.Equal($"config rollback: no version 5 in {StateDir}/store.db (versions 1 to 1)\n", stderr);
        Assert.Equal(V1 + "# edited\n", File.ReadAllText(path));
    }

    /// <summary>Records <paramref name="texts"/> five minutes apart: the first as start, the others as reloads, on node "lb1".</summary>
    private void Seed(params string[] texts)
    {
        var time = new FakeTimeProvider(Start);
        var store = ConfigStore.Open(new StateDirectory(StateDir), time: time, hostName: "lb1");
        for (var i = 0; i < texts.Length; i++)
        {
            store.Record(texts[i], i == 0 ? ConfigOrigin.Start : ConfigOrigin.Reload);
            time.Advance(TimeSpan.FromMinutes(5));
        }
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args) => CliRunner.Run(args);
}
