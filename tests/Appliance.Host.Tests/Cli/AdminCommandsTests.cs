using Appliance.Host.Cli;
using Appliance.Host.Tests.Hosting;
using Appliance.Tests.Common;
using Appliance.Tests.Common.Http;

namespace Appliance.Host.Tests.Cli;

/// <summary>The admin commands against a real <c>appliance run</c> child process and its admin socket.</summary>
public sealed class AdminCommandsTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _socket = Path.Combine(Path.GetTempPath(), $"appliance-admin-{Guid.NewGuid():N}.sock");
    private readonly List<TestHttpBackend> _backends = [];
    private ApplianceProcess _appliance = null!;
    private string _config = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _backends.Add(await TestHttpBackend.StartAsync("web0"));
        _backends.Add(await TestHttpBackend.StartAsync("web1"));
        _port = TcpClientHelper.FreePort();
        _config = CheckCommandTests.WriteTemp($"""
            defaults
                mode http
                timeout connect 2s
                timeout client 10s
                timeout server 10s
            frontend www
                bind 127.0.0.1:{_port}
                default_backend web
            backend web
                server web0 127.0.0.1:{_backends[0].Port}
                server web1 127.0.0.1:{_backends[1].Port}
            """ + "\n");
        _appliance = ApplianceProcess.Start("run", "-f", _config, "--socket", _socket);
        await _appliance.WaitForLineAsync("serving", Timeout);
    }

    public async Task DisposeAsync()
    {
        _appliance.Dispose();
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }
    }

    [Fact]
    public void Status_ListsListenersBackendsAndServers()
    {
        var (exit, stdout, _) = Run("status", "--socket", _socket);

        Assert.Equal(0, exit);
        Assert.Contains($"listeners: 127.0.0.1:{_port}", stdout, StringComparison.Ordinal);
        Assert.Contains("role: none (no ha section)", stdout, StringComparison.Ordinal);
        Assert.Contains("backend web: 2/2 usable", stdout, StringComparison.Ordinal);
        Assert.Contains("  web0 UP weight 1", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerSetDrain_TrafficMovesOff_ThenReadyBringsItBack()
    {
        Assert.Equal(0, Run("server", "set", "web/web0", "drain", "--socket", _socket).Exit);
        using var client = new HttpClient();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal("web1", await client.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/")));
        }

        var (_, servers, _) = Run("show", "servers", "--socket", _socket);
        Assert.Contains("web web0 127.0.0.1 UP DRAIN 0", servers, StringComparison.Ordinal);

        Assert.Equal(0, Run("server", "set", "web/web0", "ready", "--socket", _socket).Exit);
        var names = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            names.Add(await client.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/")));
        }

        Assert.Equal(["web0", "web1"], names.Order());
    }

    [Fact]
    public void ServerSet_BadTargetOrState_Exit1WithReason()
    {
        var (exit, _, stderr) = Run("server", "set", "web/nope", "drain", "--socket", _socket);
        Assert.Equal(1, exit);
        Assert.Contains("no server 'web/nope'", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = Run("server", "set", "web/web0", "sleepy", "--socket", _socket);
        Assert.Equal(1, exit);
        Assert.Contains("expects state ready, drain or maint (got 'sleepy')", stderr, StringComparison.Ordinal);

        (exit, _, stderr) = Run("server", "set", "web/web0", "weight", "999", "--socket", _socket);
        Assert.Equal(1, exit);
        Assert.Contains("from 0 to 256 (got '999')", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_BadFileRefused_GoodFileApplied()
    {
        var original = await File.ReadAllTextAsync(_config);
        await File.WriteAllTextAsync(_config, original.Replace("default_backend web", "default_backend nowhere", StringComparison.Ordinal));
        var (exit, _, stderr) = Run("reload", "--socket", _socket);
        Assert.Equal(1, exit);
        Assert.Contains("reload refused (1 error(s))", stderr, StringComparison.Ordinal);
        Assert.Contains("'nowhere'", stderr, StringComparison.Ordinal);

        await File.WriteAllTextAsync(_config, original.Replace($"    server web1 127.0.0.1:{_backends[1].Port}\n", string.Empty, StringComparison.Ordinal));
        (exit, var stdout, _) = Run("reload", "--socket", _socket);
        Assert.Equal(0, exit);
        Assert.Contains("configuration reloaded: 1 listener(s) kept", stdout, StringComparison.Ordinal);
        Assert.Contains("backend web: 1/1 usable", Run("status", "--socket", _socket).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowStat_HaproxyCsvWithARowPerProxyAndServer()
    {
        var (exit, stdout, _) = Run("show", "stat", "--socket", _socket);

        Assert.Equal(0, exit);
        var lines = stdout.Trim().Split('\n');
        Assert.StartsWith("# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("www,FRONTEND,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("web,web0,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("web,BACKEND,", StringComparison.Ordinal));
    }

    [Fact]
    public void NoNodeRunning_Exit1SaysSo()
    {
        var (exit, _, stderr) = Run("status", "--socket", "/tmp/appliance-no-such-node.sock");

        Assert.Equal(1, exit);
        Assert.Contains("cannot reach the node's admin socket", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AdminSocket_IsRootOnly()
    {
        var mode = File.GetUnixFileMode(_socket);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    private static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = ApplianceCommandLine.Build(stdout, stderr).Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
