using Appliance.Contracts.Replication;
using Appliance.Host.Hosting;
using Appliance.Host.Store;
using Appliance.Host.Sync;
using Appliance.Host.Tests.Store;
using Appliance.ProxyCore;
using Appliance.ProxyCore.Configuration;
using Appliance.Tests.Common;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.Host.Tests.Sync;

/// <summary>The host's side of two-phase configuration sync against a real engine on 127.0.0.1, a real file and store.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes them through IAsyncLifetime.DisposeAsync")]
public sealed class HostConfigParticipantTests : IAsyncLifetime
{
    private const string Ha = "ha\n    interface lo\n    virtual_router_id 51\n    priority 150\n    virtual_ipaddress 127.0.0.200/32\n";
    private readonly TempDirectory _temp = new();
    private readonly ListLogger _log = new();
    private ProxyEngine _engine = null!;
    private ConfigReloader _reloader = null!;
    private ConfigRecorder _recorder = null!;
    private string _path = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = TcpClientHelper.FreePort();
        _path = Path.Combine(_temp.Path, "appliance.cfg");
        var text = Shared("s1") + "\n" + Ha;
        await File.WriteAllTextAsync(_path, text);
        _engine = new ProxyEngine(ConfigLoader.LoadText(text, _path).Config!, new ProxyEngineOptions());
        await _engine.StartAsync(CancellationToken.None);
        _recorder = ConfigRecorder.Start(Path.Combine(_temp.Path, "state"), text, NullLoggerFactory.Instance);
        _reloader = new ConfigReloader(_path, _engine, _log, TextWriter.Null) { Recorder = _recorder, RunningText = text };
    }

    public async Task DisposeAsync()
    {
        await _engine.StopAsync(TimeSpan.FromSeconds(1));
        await _engine.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public void Running_NeverSynced_Version0WithTheSharedTextsHash()
    {
        var participant = Participant();

        Assert.Equal(new RunningConfig(0, ConfigStore.Hash(Shared("s1"))), participant.Running);
    }

    [Fact]
    public async Task PrepareThenCommit_FromAPeer_WritesSharedPlusOwnHaReloadsAndRecords()
    {
        var participant = Participant();
        var proposal = Proposal(5, Shared("s2"), "lb2");

        var vote = await participant.PrepareAsync(proposal, CancellationToken.None);
        Assert.Equal(new ConfigVote("lb1", true, []), vote with { Errors = [] });
        Assert.Empty(vote.Errors);
        Assert.Contains("s1", await File.ReadAllTextAsync(_path), StringComparison.Ordinal); // nothing applied before commit

        await participant.CommitAsync(5, CancellationToken.None);

        var written = await File.ReadAllTextAsync(_path);
        Assert.Equal(Shared("s2") + "\n" + Ha, written);
        Assert.Equal("s2", _engine.Config.Backends.Single().Name);
        Assert.Equal(new RunningConfig(5, proposal.Sha256), participant.Running);
        var newest = _recorder.Use(store => store.Newest())!;
        Assert.Equal(("sync:lb2", written), (newest.Origin, newest.Text));
        Assert.Equal((5L, proposal.Sha256), _recorder.SyncedConfig);
        Assert.Equal(new RunningConfig(5, proposal.Sha256), Participant().Running); // a restarted node keeps its version
    }

    [Fact]
    public async Task Prepare_OwnFileAlreadyHasTheSharedText_KeepsTheFileAsWrittenAndRecordsAsReload()
    {
        var edited = "# edited by the operator\n" + Ha + "\n" + Shared("s3");
        await File.WriteAllTextAsync(_path, edited);
        var participant = Participant();

        Assert.True((await participant.PrepareAsync(Proposal(2, SharedConfigText.Shared(edited), "lb1"), CancellationToken.None)).Accepted);
        await participant.CommitAsync(2, CancellationToken.None);

        Assert.Equal(edited, await File.ReadAllTextAsync(_path));
        Assert.Equal(ConfigOrigin.Reload, _recorder.Use(store => store.Newest())!.Origin);
    }

    [Fact]
    public async Task Prepare_MissingCertificateHere_RefusedWithFileLineErrorsAndNothingStaged()
    {
        var participant = Participant();
        var shared = Shared("s4").Replace($"bind 127.0.0.1:{_port}", $"bind 127.0.0.1:{_port} ssl crt /nonexistent/site.pem", StringComparison.Ordinal);

        var vote = await participant.PrepareAsync(Proposal(3, shared, "lb2"), CancellationToken.None);

        Assert.False(vote.Accepted);
        Assert.Equal("lb1", vote.Node);
        var error = Assert.Single(vote.Errors);
        Assert.StartsWith($"{_path}:", error, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/site.pem", error, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => participant.CommitAsync(3, CancellationToken.None));
        Assert.Contains("s1", await File.ReadAllTextAsync(_path), StringComparison.Ordinal);
        Assert.Contains(_log.Entries, e => e.StartsWith("Warning: Config v3 from lb2 refused: 1 error(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prepare_HashDoesNotMatch_Refused()
    {
        var vote = await Participant().PrepareAsync(Proposal(3, Shared("s5"), "lb2") with { Sha256 = new string('0', 64) }, CancellationToken.None);

        Assert.False(vote.Accepted);
        Assert.Contains("does not match its SHA-256", Assert.Single(vote.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Abort_AfterPrepare_CommitFindsNothingAndFileStays()
    {
        var participant = Participant();
        await participant.PrepareAsync(Proposal(4, Shared("s6"), "lb2"), CancellationToken.None);

        participant.Abort(4);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => participant.CommitAsync(4, CancellationToken.None));
        Assert.Equal("no configuration v4 is staged on lb1", error.Message);
        Assert.Contains("s1", await File.ReadAllTextAsync(_path), StringComparison.Ordinal);
        Assert.Equal(0, participant.Running.Version);
    }

    [Fact]
    public async Task Commit_PortTakenMeanwhile_ThrowsAndPutsTheOldFileBack()
    {
        var participant = Participant();
        var busy = TcpClientHelper.FreePort();
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, busy);
        squatter.Start();
        var before = await File.ReadAllTextAsync(_path);
        var shared = Shared("s7").Replace($"bind 127.0.0.1:{_port}", $"bind 127.0.0.1:{busy}", StringComparison.Ordinal);
        Assert.True((await participant.PrepareAsync(Proposal(6, shared, "lb2"), CancellationToken.None)).Accepted);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => participant.CommitAsync(6, CancellationToken.None));

        Assert.StartsWith("lb1 could not apply v6: reload refused", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(_path));
        Assert.Equal(0, participant.Running.Version);
        Assert.Equal("s1", _engine.Config.Backends.Single().Name);
    }

    private HostConfigParticipant Participant() => new(_reloader, _recorder, "lb1", _log);

    private static ConfigProposal Proposal(long version, string shared, string origin) => new(version, shared, ConfigStore.Hash(shared), origin);

    private string Shared(string backend) => $"""
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
