using System.Net;
using Appliance.Host.Hosting;
using Appliance.Host.Logging;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Logging;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Tests.Logging;

public sealed class SyslogLoggingTests
{
    private const string Config = """
        global
            log 127.0.0.1:5140 format rfc5424 local0
            log-tag appliance
        defaults
            mode http
            log global
            option httplog
            timeout connect 5s
            timeout client 5s
            timeout server 5s
        frontend fe
            bind :80
            log 127.0.0.1:5141 format raw local1 notice
            default_backend be
        frontend quiet
            bind :81
            no log
            default_backend be
        backend be
            server s1 127.0.0.1:8080
        """;

    private static readonly FixedTimeProvider Time = new(new DateTimeOffset(2026, 11, 22, 3, 38, 8, TimeSpan.Zero));

    private readonly Dictionary<int, CapturingTransport> _transports = [];

    [Fact]
    public async Task Create_GlobalAndProxyTargets_OneTargetEachInConfigurationOrder()
    {
        await using var logging = Create();

        Assert.Equal(["127.0.0.1:5140", "127.0.0.1:5141"], logging.Stats().Select(s => s.Address));
        Assert.True(logging.AccessLog.IsEnabled("fe"));
        Assert.False(logging.AccessLog.IsEnabled("quiet"));
    }

    [Fact]
    public async Task AccessLog_Write_ReachesGlobalAndOwnTargetsWithMsgidNil()
    {
        var logging = Create();

        Write(logging, "fe");

        // The sender is a background loop: give it its turn (a loaded machine can take longer than the 1 s drain).
        Assert.True(await Appliance.Tests.Common.TcpClientHelper.WaitUntilAsync(() => logging.Stats()[0].Sent == 1, TimeSpan.FromSeconds(10)));
        await logging.DisposeAsync();

        var line = "127.0.0.1:1000 [22/Nov/2026:03:38:08.000] fe fe/<NOSRV> -1/-1/-1/-1/-1 200 0 - - ---- 0/0/0/0/0 0/0 \"GET / HTTP/1.1\"";
        Assert.Equal([$"<134>1 2026-11-22T03:38:08.000000+00:00 - appliance 99 - - {line}\n"], _transports[5140].Frames);

        // The second target's level is notice: info access lines are not sent there.
        Assert.Empty(_transports[5141].Frames);
        Assert.Equal([new SyslogTargetStats("127.0.0.1:5140", LogTransport.Udp, 1, 0), new SyslogTargetStats("127.0.0.1:5141", LogTransport.Udp, 0, 0)], logging.Stats());
    }

    [Fact]
    public async Task EventSink_ApplianceEvents_GlobalTargetsOnlyWithTheirMsgids()
    {
        var logging = Create();
        using (var factory = ApplianceLoggerFactory.Create(logging.EventSink))
        {
            var logger = factory.CreateLogger(ApplianceEvents.Category);
            ApplianceEvents.ServerStateChanged(logger, "Server be/s1 is DOWN, reason: Layer4 connection problem");
            ApplianceEvents.AgentChanged(logger, "Server be/s1 agent: weight 100% -> 50%");
            ApplianceEvents.ConfigApplied(logger, "/etc/appliance.cfg", 2, 1);
            ApplianceEvents.ConfigRefused(logger, "/etc/appliance.cfg", 3, "t.cfg:2: error: x");
            ApplianceEvents.RoleChanged(logger, "BACKUP", "MASTER", "master down");

            // The engine's own health line is for the console; syslog gets the event above instead.
            factory.CreateLogger("Appliance.ProxyCore.Health").LogWarning("Server be/s1 is DOWN");
            factory.CreateLogger("Microsoft.AspNetCore.Server").LogWarning("not ours");

            // The data path's per-request Debug line stays out of syslog.
            factory.CreateLogger("Appliance.ProxyCore.ProxyEngine").LogDebug("127.0.0.1:1000 -> fe -> be/s1: \"GET / HTTP/1.1\" 200");
        }

        await logging.DisposeAsync();

        Assert.Equal(
            [
                "<132>1 2026-11-22T03:38:08.000000+00:00 - appliance 99 server-state - Server be/s1 is DOWN, reason: Layer4 connection problem\n",
                "<134>1 2026-11-22T03:38:08.000000+00:00 - appliance 99 agent - Server be/s1 agent: weight 100% -> 50%\n",
                "<134>1 2026-11-22T03:38:08.000000+00:00 - appliance 99 config - Configuration /etc/appliance.cfg applied: 2 frontends, 1 backends\n",
                "<131>1 2026-11-22T03:38:08.000000+00:00 - appliance 99 config - Configuration /etc/appliance.cfg refused: 3 errors, first: t.cfg:2: error: x\n",
                "<132>1 2026-11-22T03:38:08.000000+00:00 - appliance 99 role - Role changed from BACKUP to MASTER: master down\n",
            ],
            _transports[5140].Frames);
        Assert.Empty(_transports[5141].Frames);
    }

    [Fact]
    public async Task RelayAsync_RoleChanges_PrintedAndSentAsRoleEvents()
    {
        var logging = Create();
        var stdout = new StringWriter();
        using (var factory = ApplianceLoggerFactory.Create(logging.EventSink))
        {
            var stream = new Appliance.HaAgent.Events.RoleEventStream();
            var relay = HaAgentHost.RelayAsync(stream, stdout, factory.CreateLogger(ApplianceEvents.Category));
            Assert.True(Appliance.HaAgent.Net.Ipv4Address.TryParse("10.0.0.2", out var peer));
            stream.Publish(new(1, "vrid51", Contracts.HaRole.Initialize, Contracts.HaRole.Backup, Appliance.HaAgent.Vrrp.VrrpTransitionReason.StartupAsBackup, 100, Time.GetUtcNow()));
            stream.Publish(new(2, "vrid51", Contracts.HaRole.Backup, Contracts.HaRole.Master, Appliance.HaAgent.Vrrp.VrrpTransitionReason.MasterDown, 100, Time.GetUtcNow()));
            stream.Publish(new(3, "vrid51", Contracts.HaRole.Master, Contracts.HaRole.Backup, Appliance.HaAgent.Vrrp.VrrpTransitionReason.HigherPriorityAdvert, 100, Time.GetUtcNow(), peer, 150));
            stream.Complete();
            await relay;
        }

        await logging.DisposeAsync();

        Assert.Equal(
            [
                "<132>1 2026-11-22T03:38:08.000000+00:00 - appliance 99 role - Role changed from INITIALIZE to BACKUP: vrid51 StartupAsBackup, priority 100\n",
                "<132>1 2026-11-22T03:38:08.000000+00:00 - appliance 99 role - Role changed from BACKUP to MASTER: vrid51 MasterDown, priority 100\n",
                "<132>1 2026-11-22T03:38:08.000000+00:00 - appliance 99 role - Role changed from MASTER to BACKUP: vrid51 HigherPriorityAdvert, priority 100, peer 10.0.0.2 priority 150\n",
            ],
            _transports[5140].Frames);
        Assert.Contains("ha: vrid51: role BACKUP -> MASTER (MasterDown) priority 100", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyAsync_ChangedLogLinesAndFormat_KeptTargetCarriesCountersRemovedOneDrainsAndCloses()
    {
        var logging = Create();
        Write(logging, "fe");
        Assert.True(await Appliance.Tests.Common.TcpClientHelper.WaitUntilAsync(() => logging.Stats()[0].Sent == 1, TimeSpan.FromSeconds(10)));

        // The reloaded file: fe's own target moves from 5141 to 5142, and fe logs a log-format line instead of httplog.
        var reloaded = ConfigLoader.LoadText(
            Config.Replace("log 127.0.0.1:5141 format raw local1 notice", "log 127.0.0.1:5142 format raw local1\n    log-format \"%ci %f %ST\"", StringComparison.Ordinal)
                .Replace("    option httplog\n", "", StringComparison.Ordinal),
            "t.cfg");
        Assert.DoesNotContain(reloaded.Diagnostics, d => d.IsError);
        var report = await logging.ApplyAsync(reloaded.Config!);

        Assert.Equal("syslog: 1 target(s) kept, 1 added, 1 closed (127.0.0.1:5141: 0 sent, 0 dropped)", report.ToString());
        Assert.True(_transports[5141].Disposed);
        Write(logging, "fe");
        using (var factory = ApplianceLoggerFactory.Create(logging.EventSink))
        {
            ApplianceEvents.ConfigApplied(factory.CreateLogger(ApplianceEvents.Category), "/etc/appliance.cfg", 2, 1);
        }

        Assert.True(await Appliance.Tests.Common.TcpClientHelper.WaitUntilAsync(() => logging.Stats()[0].Sent == 3, TimeSpan.FromSeconds(10)));
        await logging.DisposeAsync();

        Assert.Equal(
            [
                "<134>1 2026-11-22T03:38:08.000000+00:00 - appliance 99 - - 127.0.0.1:1000 [22/Nov/2026:03:38:08.000] fe fe/<NOSRV> -1/-1/-1/-1/-1 200 0 - - ---- 0/0/0/0/0 0/0 \"GET / HTTP/1.1\"\n",
                "<134>1 2026-11-22T03:38:08.000000+00:00 - appliance 99 - - 127.0.0.1 fe 200\n",
                "<134>1 2026-11-22T03:38:08.000000+00:00 - appliance 99 config - Configuration /etc/appliance.cfg applied: 2 frontends, 1 backends\n",
            ],
            _transports[5140].Frames);
        Assert.Equal(["127.0.0.1 fe 200\n"], _transports[5142].Frames);
        Assert.Equal(3, logging.Stats()[0].Sent);
    }

    [Fact]
    public async Task ApplyAsync_LogTagChanged_TargetsRebuiltWithTheNewIdentity()
    {
        var logging = Create();
        var reloaded = ConfigLoader.LoadText(Config.Replace("log-tag appliance", "log-tag edge", StringComparison.Ordinal), "t.cfg");

        _transports.Clear();

        var report = await logging.ApplyAsync(reloaded.Config!);
        Write(logging, "fe");
        await logging.DisposeAsync();

        Assert.Equal((0, 2, 2), (report.Kept, report.Added, report.Removed.Count));
        Assert.StartsWith("<134>1 2026-11-22T03:38:08.000000+00:00 - edge 99 - - 127.0.0.1:1000 ", Assert.Single(_transports[5140].Frames), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NoFrontendLogs_NullAccessLog()
    {
        var result = ConfigLoader.LoadText("frontend fe\n    bind :80\n    timeout client 5s\n", "t.cfg");
        await using var logging = SyslogLogging.Create(result.Config!, Time, "vm", 99, _ => new CapturingTransport());

        Assert.False(logging.AccessLog.IsEnabled("fe"));
        Assert.Empty(logging.Stats());
    }

    private static void Write(SyslogLogging logging, string frontend) => logging.AccessLog.Write(new HttpAccessRecord
    {
        Client = new IPEndPoint(IPAddress.Loopback, 1000),
        RequestDate = Time.GetUtcNow(),
        Frontend = frontend,
        Status = 200,
        BytesUploaded = 10,
        RequestLine = "GET / HTTP/1.1"u8,
    });

    private SyslogLogging Create()
    {
        var result = ConfigLoader.LoadText(Config, "t.cfg");
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        return SyslogLogging.Create(result.Config!, Time, "vm", 99, target =>
        {
            var transport = new CapturingTransport();
            _transports.Add(target.Port, transport);
            return transport;
        });
    }
}
