using System.CommandLine;
using Appliance.Host.Hosting;
using Appliance.Host.Store;
using Appliance.ProxyCore.Configuration;

namespace Appliance.Host.Cli;

/// <summary>
/// <c>appliance config rollback VERSION -f FILE</c>: validates the version's text as <c>appliance check</c> does (a version
/// that no longer validates, say a removed certificate, is refused and FILE is left alone), replaces FILE atomically
/// (temp + rename), then sends SIGHUP to the <c>appliance run</c> named by the state directory's pid file. The node
/// reloads, validating again, and records the text as a new version. With no running node FILE is still updated; a
/// running node that serves another file is refused before anything is written.
/// </summary>
internal static class ConfigRollbackCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stateDir = StateDirOption.Create();
        var file = ApplianceCommandLine.FileOption();
        var version = new Argument<int>("VERSION") { Description = "The version to restore (see 'appliance config history')." };
        var command = new Command("rollback", "Write a configuration version to the file and reload the running node.") { version, file, stateDir };
        command.SetAction(parse => ConfigCommand.WithStore("rollback", parse.GetValue(stateDir)!, stderr, store =>
        {
            var found = ConfigCommand.Find("rollback", store, parse.GetValue(version), stderr);
            var path = parse.GetValue(file)!.FullName;
            var directory = new StateDirectory(parse.GetValue(stateDir)!);
            var pid = PidFile.FindRunning(directory, out var notRunning);
            if (found is null || !Validate(found, path, stderr) || !ServesFile(pid, path, stderr))
            {
                return 1;
            }

            try
            {
                AtomicFile.WriteAllText(path, found.Text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"config rollback: cannot write {path}: {e.Message}");
                return 1;
            }

            stdout.WriteLine($"config rollback: wrote version {found.Version} ({found.Sha256[..ConfigHistoryCommand.HashPrefixLength]}) to {path}");
            if (pid is null)
            {
                stdout.WriteLine($"config rollback: no running appliance to reload ({notRunning}); {path} applies at the next start");
                return 0;
            }

            if (!PidFile.SignalReload(pid.Value, out var error))
            {
                stderr.WriteLine($"config rollback: cannot signal appliance (pid {pid}): {error}");
                return 1;
            }

            stdout.WriteLine($"config rollback: sent SIGHUP to appliance (pid {pid}); it validates and applies {path} and records it as a new version");
            return 0;
        }));
        return command;
    }

    private static bool Validate(ConfigVersion version, string path, TextWriter stderr)
    {
        var result = ConfigLoader.LoadText(version.Text, path);
        DiagnosticPrinter.Print(result.Diagnostics, stderr);
        var ha = result.Config is null ? [] : HaAgentHost.Check(result.Config).Diagnostics;
        ha.ToList().ForEach(stderr.WriteLine);
        var errors = result.Errors.Count() + ha.Count(d => d.IsError);
        if (errors == 0)
        {
            return true;
        }

        stderr.WriteLine($"config rollback: version {version.Version} does not validate now ({errors} error(s)); {path} is unchanged");
        return false;
    }

    // A SIGHUP makes the node re-read its own -f file: rolling back another file would silently change nothing.
    private static bool ServesFile(int? pid, string path, TextWriter stderr)
    {
        var served = pid is null ? null : PidFile.ServedFile(pid.Value);
        if (served is null || served == path)
        {
            return true;
        }

        stderr.WriteLine($"config rollback: the running appliance (pid {pid}) serves {served}, not {path}; {path} is unchanged");
        return false;
    }
}
