using Appliance.Host.Cli;
using Appliance.Host.Store;
using Appliance.Host.Tests.Hosting;
using Appliance.Tests.Common;
using Appliance.Tests.Common.Http;

namespace Appliance.Host.Tests.Cli;

/// <summary>The store with the real <c>appliance run</c> as a child process: recording, rollback's SIGHUP, recovery.</summary>
public sealed class ConfigStoreProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _temp = new();

    public ConfigStoreProcessTests()
    {
        StateDir = Path.Combine(_temp.Path, "state");
    }

    private string StateDir { get; }

    private string StorePath => Path.Combine(StateDir, StateDirectory.StoreFileName);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Rollback_RunningNode_FileWrittenNodeReloadsAndRecordsTheTextAsNewVersion()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        var port = TcpClientHelper.FreePort();
        var path = _temp.Write("lb.cfg", Config(port, backend.Port, "v1"));
        using var appliance = ApplianceProcess.Start("run", "-f", path, "--state-dir", StateDir);
        await appliance.WaitForLineAsync("serving", Timeout);
        await ReloadAsync(appliance, path, Config(port, backend.Port, "v2"));
        Assert.Equal("v2", await ConfigHeaderAsync(port));

        var lines = appliance.LineCount;
        var (exit, stdout, stderr) = Run("config", "rollback", "1", "-f", path, "--state-dir", StateDir);

        Assert.Equal((0, string.Empty), (exit, stderr));
        Assert.Contains($"sent SIGHUP to appliance (pid {appliance.Pid})", stdout, StringComparison.Ordinal);
        await appliance.WaitForLineAsync("configuration reloaded", Timeout, after: lines);
        Assert.Equal("v1", await ConfigHeaderAsync(port));
        var history = ConfigStore.History(StoreDatabase.OpenReadOnly(new StateDirectory(StateDir)));
        Assert.Equal([(3, "reload"), (2, "reload"), (1, "start")], history.Select(v => (v.Version, v.Origin)));
        Assert.Equal(history[2].Sha256, history[0].Sha256);
    }

    [Fact]
    public async Task Rollback_RunningNodeServesAnotherFile_Exit1FileUnchangedNotSignalled()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        var port = TcpClientHelper.FreePort();
        var served = _temp.Write("lb.cfg", Config(port, backend.Port, "v1"));
        var other = _temp.Write("other.cfg", "# not served\n");
        using var appliance = ApplianceProcess.Start("run", "-f", served, "--state-dir", StateDir);
        await appliance.WaitForLineAsync("serving", Timeout);
        var lines = appliance.LineCount;

        var (exit, _, stderr) = Run("config", "rollback", "1", "-f", other, "--state-dir", StateDir);

        Assert.Equal(1, exit);
        Assert.Equal($"config rollback: the running appliance (pid {appliance.Pid}) serves {served}, not {other}; {other} is unchanged\n", stderr);
        Assert.Equal("# not served\n", File.ReadAllText(other));
        Assert.Equal(lines, appliance.LineCount);
    }

    [Fact]
    public async Task Run_StoreDeletedUnderRunningNode_RecreatedAtNextReloadAndStillServing()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        var port = TcpClientHelper.FreePort();
        var path = _temp.Write("lb.cfg", Config(port, backend.Port, "v1"));
        using var appliance = ApplianceProcess.Start("run", "-f", path, "--state-dir", StateDir);
        await appliance.WaitForLineAsync("serving", Timeout);
        var nodeId = ConfigStore.Open(new StateDirectory(StateDir)).Node.Id;

        foreach (var file in new[] { StorePath, StorePath + "-wal", StorePath + "-shm" })
        {
            File.Delete(file);
        }

        await ReloadAsync(appliance, path, Config(port, backend.Port, "v2"));

        Assert.Contains($"Config store at {StorePath} disappeared while the node was running: recreated", appliance.Output, StringComparison.Ordinal);
        var store = StoreDatabase.OpenReadOnly(new StateDirectory(StateDir));
        Assert.Equal([(2, "reload"), (1, "recovered")], ConfigStore.History(store).Select(v => (v.Version, v.Origin)));
        Assert.Equal(Config(port, backend.Port, "v2"), ConfigStore.Get(store, 2)!.Text);
        Assert.Equal(Config(port, backend.Port, "v1"), ConfigStore.Get(store, 1)!.Text);
        Assert.Equal(nodeId, ConfigStore.Open(new StateDirectory(StateDir)).Node.Id);
        Assert.Equal("v2", await ConfigHeaderAsync(port));
    }

    [Fact]
    public async Task Run_CorruptStoreAtStart_MovedAsideServesAndRecordsRecovered()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        var port = TcpClientHelper.FreePort();
        var path = _temp.Write("lb.cfg", Config(port, backend.Port, "v1"));
        Directory.CreateDirectory(StateDir);
        File.WriteAllText(StorePath, "not a database");

        using var appliance = ApplianceProcess.Start("run", "-f", path, "--state-dir", StateDir);
        await appliance.WaitForLineAsync("serving", Timeout);

        Assert.Contains($"Config store at {StorePath} is unusable (SQLite Error 26", appliance.Output, StringComparison.Ordinal);
        Assert.Equal(["not a database"], Directory.GetFiles(StateDir, "store.db.corrupt-*").Select(File.ReadAllText));
        var version = ConfigStore.Newest(StoreDatabase.OpenReadOnly(new StateDirectory(StateDir)))!;
        Assert.Equal((1, "recovered"), (version.Version, version.Origin));
        Assert.Equal("v1", await ConfigHeaderAsync(port));
    }

    [Fact]
    public async Task Run_StateDirUnusable_ServesAndLogsThatNothingIsRecorded()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        var port = TcpClientHelper.FreePort();
        var path = _temp.Write("lb.cfg", Config(port, backend.Port, "v1"));
        var blocker = _temp.Write("state", "a file where the state directory should be");

        using var appliance = ApplianceProcess.Start("run", "-f", path, "--state-dir", blocker);
        await appliance.WaitForLineAsync("serving", Timeout);

        Assert.Contains($"Config store at {blocker}/store.db is unavailable (", appliance.Output, StringComparison.Ordinal);
        Assert.Equal("v1", await ConfigHeaderAsync(port));
    }

    [Fact]
    public async Task Run_Sigterm_PidFileRemoved()
    {
        await using var backend = await TestHttpBackend.StartAsync("web0");
        var path = _temp.Write("lb.cfg", Config(TcpClientHelper.FreePort(), backend.Port, "v1"));
        using var appliance = ApplianceProcess.Start("run", "-f", path, "--state-dir", StateDir);
        await appliance.WaitForLineAsync("serving", Timeout);
        Assert.Equal($"{appliance.Pid}\n", File.ReadAllText(Path.Combine(StateDir, StateDirectory.PidFileName)));

        appliance.Signal("TERM");

        Assert.Equal(0, await appliance.WaitForExitAsync(Timeout));
        Assert.False(File.Exists(Path.Combine(StateDir, StateDirectory.PidFileName)));
    }

    private static async Task ReloadAsync(ApplianceProcess appliance, string path, string text)
    {
        await File.WriteAllTextAsync(path, text);
        var lines = appliance.LineCount;
        appliance.Signal("HUP");
        await appliance.WaitForLineAsync("configuration reloaded", Timeout, after: lines);
    }

    private static async Task<string> ConfigHeaderAsync(int port)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
        return response.Headers.GetValues("X-Config").Single();
    }

    private static string Config(int port, int server, string version) => $"""
        defaults
            mode http
            timeout connect 2s
            timeout client 30s
            timeout server 30s
        frontend www
            bind 127.0.0.1:{port}
            http-response set-header X-Config {version}
            default_backend web
        backend web
            server web0 127.0.0.1:{server}

        """;

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args) => CliRunner.Run(args);
}
