using System.CommandLine;
using Appliance.Host.Admin;
using Appliance.Host.Hosting;
using Appliance.Host.Logging;
using Appliance.Host.Privileges;
using Appliance.Host.Store;
using Appliance.ProxyCore;
using Appliance.ProxyCore.Configuration;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Cli;

/// <summary>
/// <c>appliance run -f FILE</c>: validates, refuses to start on any error, then serves until SIGINT or SIGTERM, closes the
/// listeners and waits for established connections to finish (at most <see cref="DrainGrace"/>).
/// </summary>
internal static class RunCommand
{
    /// <summary>30 s: long enough for short requests and media segments, short enough for systemd's stop timeout (90 s).</summary>
    public static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(30);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = ApplianceCommandLine.FileOption();
        var adminSocket = ApplianceCommandLine.SocketOption();
        var stateDir = StateDirOption.Create();
        var command = new Command("run", "Serve a configuration until SIGINT or SIGTERM, then close listeners and drain.") { file, adminSocket, stateDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (text, result) = ConfigFileSnapshot.Load(parse.GetValue(file)!.FullName);
            DiagnosticPrinter.Print(result.Diagnostics, stderr);
            var ha = result.Config is null ? default : HaAgentHost.Check(result.Config);
            ha.Diagnostics?.ToList().ForEach(stderr.WriteLine);
            if (!result.IsValid || result.Config is null || ha.Diagnostics?.Any(d => d.IsError) == true)
            {
                stderr.WriteLine("Not starting: the configuration has errors.");
                return 1;
            }

            // global user/group: as root this re-executes as that user with only the kept capabilities (Privileges/).
            var owned = new[] { parse.GetValue(stateDir)!, Path.GetDirectoryName(Path.GetFullPath(parse.GetValue(adminSocket)!))! };
            var (account, accountError) = AccountResolver.Resolve(result.Config.Global.User, result.Config.Global.Group, Privileges.Linux.SystemAccountDatabase.Instance);
            if ((accountError ?? PrivilegeDrop.Apply(account, owned, stdout)) is { } refused)
            {
                stderr.WriteLine($"Not starting: {refused}");
                return 1;
            }

            await using var syslog = SyslogLogging.Create(result.Config, TimeProvider.System, Environment.MachineName, Environment.ProcessId);
            using var loggerFactory = ApplianceLoggerFactory.Create(syslog.EventSink);
            var logger = loggerFactory.CreateLogger("appliance");
            using var shutdown = new ShutdownSignal();
            await using var engine = new ProxyEngine(result.Config, new ProxyEngineOptions { LoggerFactory = loggerFactory, AccessLog = syslog.AccessLog });
            var events = ApplianceEvents.Hook(engine, loggerFactory);
            try
            {
                await engine.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ProxyStartException ex)
            {
                stderr.WriteLine($"Not starting: {ex.Message}");
                return 1;
            }

            ApplianceEvents.ConfigApplied(events, engine, parse.GetValue(file)!.FullName);
            var recorder = ConfigRecorder.Start(parse.GetValue(stateDir)!, text, loggerFactory);
            var reloader = new ConfigReloader(parse.GetValue(file)!.FullName, engine, logger, stdout) { Recorder = recorder, RunningText = text, Syslog = syslog };
            using var systemd = SystemdNotify.FromEnvironment(TimeProvider.System);
            using var reload = new ReloadSignal(() => systemd.Reloading(() => reloader.ReloadAsync().GetAwaiter().GetResult()));

            // Written once SIGHUP is handled: 'config rollback' signals the pid it names, and SIGHUP's default action kills.
            using var pidFile = PidFile.Create(new StateDirectory(parse.GetValue(stateDir)!), logger);
            var admin = new AdminCommandHandler(engine, async () =>
            {
                var (applied, message) = await reloader.ReloadAsync().ConfigureAwait(false);
                return applied ? message : AdminCommandHandler.ErrorPrefix + message;
            }, TimeProvider.System);
            var (syncStarted, sync) = await SyncHost.StartOrReportAsync(
                ha.Config, engine, reloader, recorder, parse.GetValue(stateDir)!, admin.Switchover, loggerFactory, stderr, cancellationToken).ConfigureAwait(false);
            await using var syncScope = sync;
            if (!syncStarted)
            {
                await engine.StopAsync(DrainGrace).ConfigureAwait(false);
                return 1;
            }

            admin.Sync = sync;
            await using var socket = AdminSocket.TryStart(parse.GetValue(adminSocket)!, admin, logger);
            stdout.WriteLine($"appliance: serving {string.Join(", ", engine.ListeningEndPoints)}; Ctrl-C or SIGTERM to stop");
            systemd.Ready($"serving {string.Join(", ", engine.ListeningEndPoints)}");
            // With an ha section the agent runs until the signal and stops (priority 0, VIPs removed) before the drain.
            var exitCode = await HaAgentHost.ServeAsync(
                ha.Config, engine, loggerFactory, stdout, stderr, shutdown.Task, cancellationToken, host =>
                {
                    admin.Ha = host;
                    reloader.Ha = host;
                    sync?.Follow(host);
                    engine.ApplianceStatus = host is null ? null : new HaApplianceStatus(host);
                }).ConfigureAwait(false);
            logger.LogInformation("Stopping: draining the proxy");
            systemd.Stopping("draining the proxy");
            await engine.StopAsync(DrainGrace).ConfigureAwait(false);
            return exitCode;
        });
        return command;
    }
}
