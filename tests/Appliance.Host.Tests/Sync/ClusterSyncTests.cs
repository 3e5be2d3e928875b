using System.Diagnostics;
using Appliance.Contracts;
using Appliance.Contracts.Replication;
using Appliance.Host.Store;
using Appliance.Host.Sync;
using Appliance.Host.Tests.Cli;
using Appliance.Tests.Common;
using Appliance.Tests.Common.Http;
using Xunit.Abstractions;

namespace Appliance.Host.Tests.Sync;

/// <summary>
/// Two nodes on loopback with each other as sync peers (pre-shared key over h2c): a reload on one converges on both,
/// a configuration one node refuses applies nowhere and names that node, and <c>appliance sync status</c> shows both.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes them through IAsyncLifetime.DisposeAsync")]
public sealed class ClusterSyncTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _temp = new();
    private readonly int _port = TcpClientHelper.FreePort();
    private TestHttpBackend _backend = null!;
    private ClusterNode _lb1 = null!;
    private ClusterNode _lb2 = null!;

    public async Task InitializeAsync()
    {
        _backend = await TestHttpBackend.StartAsync("web0");
        var psk = Path.Combine(_temp.Path, "sync.key");
        Assert.Equal(0, CliRunner.Run("cluster", "gen-psk", "--out", psk).Exit);
        var sync1 = TcpClientHelper.FreePort();
        var sync2 = TcpClientHelper.FreePort();
        _lb1 = await ClusterNode.StartAsync("lb1", Path.Combine(_temp.Path, "lb1"), "127.0.0.1", Shared("v1"), Ha("lb1", sync1, "lb2", sync2, psk));
        _lb2 = await ClusterNode.StartAsync("lb2", Path.Combine(_temp.Path, "lb2"), "127.0.0.2", Shared("v1"), Ha("lb2", sync2, "lb1", sync1, psk));
    }

    public async Task DisposeAsync()
    {
        await _lb1.DisposeAsync();
        await _lb2.DisposeAsync();
        await _backend.DisposeAsync();
        _temp.Dispose();
    }

    /// <summary>
    /// What a cluster reload does on both nodes. How fast is not asserted here: the test classes of this project run in
    /// parallel, and on a loaded CI machine the first reload (cold JIT of the reload and two-phase commit paths) took
    /// over 1 s now and then (2.7-4.2 s with the CPU saturated); the 1 s bound is asserted by the serial lab test
    /// (StateSyncTests.ConfigChange_ReloadOnOneNode_RunsOnEveryNodeWithinOneSecond) and measured by bench/.
    /// </summary>
    [Fact]
    public async Task Reload_OnOneNode_ConvergesOnBoth()
    {
        Assert.Equal("v1", await ConfigHeaderAsync("127.0.0.2"));
        await File.WriteAllTextAsync(_lb1.ConfigPath, (await File.ReadAllTextAsync(_lb1.ConfigPath)).Replace("X-Config v1", "X-Config v2", StringComparison.Ordinal));

        var clock = Stopwatch.StartNew();
        var (exit, stdout, stderr) = CliRunner.Run("reload", "--socket", _lb1.SocketPath);
        var converged = clock.Elapsed;

        output.WriteLine($"reload converged on both nodes in {converged.TotalMilliseconds:0} ms: {stdout.Trim()}");
        Assert.Equal((0, string.Empty), (exit, stderr));
        Assert.Contains("committed on 2 node(s)", stdout, StringComparison.Ordinal);
        Assert.Equal("v2", await ConfigHeaderAsync("127.0.0.1"));
        Assert.Equal("v2", await ConfigHeaderAsync("127.0.0.2"));
        var lb2File = await File.ReadAllTextAsync(_lb2.ConfigPath);
        Assert.Equal(SharedConfigText.Shared(await File.ReadAllTextAsync(_lb1.ConfigPath)), SharedConfigText.Shared(lb2File));
        Assert.Contains("node_name lb2", SharedConfigText.Split(lb2File).Local, StringComparison.Ordinal);
        Assert.Equal(_lb1.Sync.Node.GetStatus().Config, _lb2.Sync.Node.GetStatus().Config);
        Assert.Equal("sync:lb1", _lb2.Recorder.Use(store => store.Newest())!.Origin);
        Assert.Equal(ConfigOrigin.Reload, _lb1.Recorder.Use(store => store.Newest())!.Origin);
    }

    [Fact]
    public async Task Reload_CertificateOnlyOnOneNode_AppliesNowhereAndNamesTheNode()
    {
        var certificate = TestCertificates.CreateChainedLeaf(["www.example"]);
        await File.WriteAllTextAsync(Path.Combine(_lb1.Directory, "site.pem"), certificate.ToPem());
        var before1 = await File.ReadAllTextAsync(_lb1.ConfigPath);
        var before2 = await File.ReadAllTextAsync(_lb2.ConfigPath);
        await File.WriteAllTextAsync(_lb1.ConfigPath, before1.Replace(
            $"bind \"${{NODE_ADDR}}:{_port}\"", $"bind \"${{NODE_ADDR}}:{_port}\"\n    bind \"${{NODE_ADDR}}:{TcpClientHelper.FreePort()}\" ssl crt \"${{NODE_DIR}}/site.pem\"", StringComparison.Ordinal)
            .Replace("X-Config v1", "X-Config v3", StringComparison.Ordinal));

        var (exit, stdout, stderr) = CliRunner.Run("reload", "--socket", _lb1.SocketPath);

        output.WriteLine(stderr);
        Assert.Equal((1, string.Empty), (exit, stdout));
        Assert.StartsWith("error: reload refused by the cluster", stderr, StringComparison.Ordinal);
        Assert.Contains("lb2", stderr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_lb2.Directory, "site.pem"), stderr, StringComparison.Ordinal);
        Assert.Contains($"{_lb2.ConfigPath}:", stderr, StringComparison.Ordinal);
        Assert.Equal("v1", await ConfigHeaderAsync("127.0.0.1"));
        Assert.Equal("v1", await ConfigHeaderAsync("127.0.0.2"));
        Assert.Equal(before2, await File.ReadAllTextAsync(_lb2.ConfigPath));
        Assert.Equal(0, _lb1.Sync.Node.GetStatus().Config!.Version);
    }

    [Fact]
    public async Task Reload_PeerDown_RefusedNamingItThenLocalReloadAppliesHereOnly()
    {
        await _lb2.DisposeAsync();
        await File.WriteAllTextAsync(_lb1.ConfigPath, (await File.ReadAllTextAsync(_lb1.ConfigPath)).Replace("X-Config v1", "X-Config v4", StringComparison.Ordinal));

        var refused = CliRunner.Run("reload", "--socket", _lb1.SocketPath);
        var local = CliRunner.Run("reload", "--local", "--socket", _lb1.SocketPath);

        output.WriteLine(refused.Stderr);
        Assert.Equal(1, refused.Exit);
        Assert.Contains("lb2", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal((0, string.Empty), (local.Exit, local.Stderr));
        Assert.Contains("this node only", local.Stdout, StringComparison.Ordinal);
        Assert.Equal("v4", await ConfigHeaderAsync("127.0.0.1"));
        var running = _lb1.Sync.Node.GetStatus().Config!;
        Assert.Equal(ConfigStore.Hash(SharedConfigText.Shared(await File.ReadAllTextAsync(_lb1.ConfigPath))), running.Sha256);
    }

    [Fact]
    public async Task SyncStatus_TwoNodes_ListsBothNodesTheirConfigAndNoDrift()
    {
        Assert.Equal(0, CliRunner.Run("reload", "--socket", _lb2.SocketPath).Exit);

        var (exit, stdout, stderr) = CliRunner.Run("sync", "status", "--socket", _lb1.SocketPath);
        var status = CliRunner.Run("status", "--socket", _lb2.SocketPath);

        output.WriteLine(stdout);
        output.WriteLine(status.Stdout);
        Assert.Equal((0, string.Empty), (exit, stderr));
        Assert.StartsWith("node: lb1  role: INITIALIZE", stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^lb2 +configured +127\.0\.0\.1:\d+ ", stdout);
        Assert.Matches(@"(?m)^lb1 +yes +INITIALIZE .* v1 [0-9a-f]{12}$", stdout);
        Assert.Matches(@"(?m)^lb2 +yes +INITIALIZE .* v1 [0-9a-f]{12}$", stdout);
        Assert.Contains("drift: none", stdout, StringComparison.Ordinal);
        Assert.Equal(0, status.Exit);
        Assert.Contains("sync: node lb2, epoch ", status.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"sync config: v1 [0-9a-f]{12}", status.Stdout);
    }

    [Fact]
    public async Task StickEntry_LearnedOnTheMaster_ReachesTheBackupsTable()
    {
        _lb1.Sync.Node.SetRole(HaRole.Master);
        _lb2.Sync.Node.SetRole(HaRole.Backup);

        Assert.Equal("v1", await ConfigHeaderAsync("127.0.0.1"));

        var key = new StickKey(StickKeyType.Ipv4, "127.0.0.1");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline && !_lb2.Engine.StickTables.Snapshot("web").Any(e => e.Key == key))
        {
            await Task.Delay(20);
        }

        var entry = Assert.Single(_lb2.Engine.StickTables.Snapshot("web"), e => e.Key == key);
        Assert.Equal("web0", entry.Server);
        Assert.InRange(entry.ExpiresIn, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
        var peer = Assert.Single(_lb1.Sync.Node.GetStatus().Peers);
        output.WriteLine($"lb1 -> lb2: {peer.State}, acked {peer.AckedSequence}, unacked {peer.Unacknowledged}, lag p50 {peer.LagP50?.TotalMilliseconds} ms");
    }

    private string Shared(string version) => $$"""
        defaults
            mode http
            timeout connect 2s
            timeout client 10s
            timeout server 10s
        frontend www
            bind "${NODE_ADDR}:{{_port}}"
            http-response set-header X-Config {{version}}
            default_backend web
        peers cluster
            peer lb1 127.0.0.1:7400
            peer lb2 127.0.0.2:7400
        backend web
            stick-table type ip size 1k expire 30m peers cluster
            stick on src
            server web0 127.0.0.1:{{_backend.Port}}

        """;

    private static string Ha(string self, int selfPort, string peer, int peerPort, string psk) => $"""
        ha
            interface lo
            virtual_router_id 51
            virtual_ipaddress 127.0.0.200/32
            node_name {self}
            sync_listen 127.0.0.1:{selfPort}
            sync_peer {peer} 127.0.0.1:{peerPort}
            sync_psk_file {psk}

        """;

    private async Task<string> ConfigHeaderAsync(string address)
    {
        using var client = new HttpClient { Timeout = Timeout };
        using var response = await client.GetAsync(new Uri($"http://{address}:{_port}/"));
        return response.Headers.GetValues("X-Config").Single();
    }
}
