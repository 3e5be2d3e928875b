using Appliance.HaAgent.Sync.ConfigSync;
using Appliance.Host.Hosting;
using Appliance.Host.Tests.Store;
using Appliance.ProxyCore;
using Appliance.ProxyCore.Configuration;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Hosting;

/// <summary>
/// A reload's handling of the <c>ha</c> section against a real engine on 127.0.0.1 and a real file, with no ha-agent
/// running (the live apply to a running agent needs root and namespaces: LabTests' HaReloadTests).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes them through IAsyncLifetime.DisposeAsync")]
public sealed class ConfigReloaderHaTests : IAsyncLifetime
{
    private const string Ha = "ha\n    interface lo\n    virtual_router_id 51\n    priority 150\n    virtual_ipaddress 127.0.0.200/32\n";
    private readonly TempDirectory _temp = new();
    private readonly ListLogger _log = new();
    private ProxyEngine _engine = null!;
    private string _path = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = TcpClientHelper.FreePort();
        _path = Path.Combine(_temp.Path, "appliance.cfg");
        await File.WriteAllTextAsync(_path, Proxy("s1") + Ha);
        _engine = new ProxyEngine(ConfigLoader.LoadText(Proxy("s1") + Ha, _path).Config!, new ProxyEngineOptions());
        await _engine.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _engine.StopAsync(TimeSpan.FromSeconds(1));
        await _engine.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Reload_InvalidHaSection_WholeReloadRefusedWithFileAndLineAndProxyUnchanged()
    {
        // The proxy part changes too: nothing of it may apply when the ha section is wrong.
        await File.WriteAllTextAsync(_path, Proxy("s2") + Ha.Replace("priority 150", "priority 300", StringComparison.Ordinal));

        var (applied, message) = await Reloader().ReloadAsync();

        Assert.False(applied);
        Assert.StartsWith("reload refused (1 error(s)); the running configuration stays", message, StringComparison.Ordinal);
        Assert.Contains($"{_path}:14: error: 'priority' expects", message, StringComparison.Ordinal);
        Assert.Equal("s1", _engine.Config.Backends.Single().Name);
    }

    [Fact]
    public async Task Reload_HaChangedWithNoAgentRunning_ProxyAppliedAndAnswerSaysTheSectionWaitsForTheStart()
    {
        await File.WriteAllTextAsync(_path, Proxy("s2") + Ha.Replace("priority 150", "priority 50", StringComparison.Ordinal));

        var (applied, message) = await Reloader().ReloadAsync();

        Assert.True(applied, message);
        Assert.Equal("s2", _engine.Config.Backends.Single().Name);
        Assert.EndsWith("; ha: the ha-agent is not running; the changed 'ha' section applies at the next start", message, StringComparison.Ordinal);
        Assert.Contains("Warning: Reload: ha: the ha-agent is not running; the changed 'ha' section applies at the next start", _log.Entries);
    }

    [Fact]
    public async Task Reload_HaSectionAddedToANodeWithout_AnswerNamesTheRestart()
    {
        await _engine.ReloadAsync(ConfigLoader.LoadText(Proxy("s1"), _path).Config!);
        await File.WriteAllTextAsync(_path, Proxy("s2") + Ha);

        var (applied, message) = await Reloader().ReloadAsync();

        Assert.True(applied, message);
        Assert.EndsWith("; ha: restart needed for the added 'ha' section (the ha-agent starts with the node)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_HaUnchanged_AnswerDoesNotMentionHa()
    {
        await File.WriteAllTextAsync(_path, Proxy("s2") + Ha);

        var (applied, message) = await Reloader().ReloadAsync();

        Assert.True(applied, message);
        Assert.DoesNotContain("ha:", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_ClusterCommitChangesThisNodesHaSection_CommittedAnswerCarriesTheHaPart()
    {
        await File.WriteAllTextAsync(_path, Proxy("s2") + Ha.Replace("priority 150", "priority 50", StringComparison.Ordinal));
        var reloader = Reloader();
        // The sync service's commit applies the node's own file through ApplyAsync, as HostConfigParticipant does.
        reloader.Cluster = async (shared, cancellationToken) =>
        {
            var (applied, message) = await reloader.ApplyAsync(await File.ReadAllTextAsync(_path, cancellationToken), "reload");
            Assert.True(applied, message);
            return new ConfigSyncResult(true, 7, [new ConfigNodeOutcome("lb1", true, true, [], null)], null);
        };

        var (committed, answer) = await reloader.ReloadAsync();

        Assert.True(committed, answer);
        Assert.Equal(
            "configuration v7 committed on 1 node(s): lb1; ha: the ha-agent is not running; the changed 'ha' section applies at the next start",
            answer);
    }

    private ConfigReloader Reloader() => new(_path, _engine, _log, TextWriter.Null);

    private string Proxy(string backend) => $"""
        defaults
            mode http
            timeout connect 2s
            timeout client 10s
            timeout server 10s
        frontend www
            bind 127.0.0.1:{_port}
            default_backend {backend}
        backend {backend}
            server web0 127.0.0.1:9

        """;
}
