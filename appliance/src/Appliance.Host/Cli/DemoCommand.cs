using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Appliance.Host.Cli;

/// <summary>
/// <c>appliance demo [--failover] [--local]</c>: runs the demo (scripts/demo: two nodes with a floating IP in network
/// namespaces, three backends, a client) with this very binary, so an installed node can show itself without the .NET
/// SDK. The script comes from the checkout this binary was built in, or from /usr/share/appliance (the .deb).
/// Ctrl-C reaches the script directly (same foreground process group): this process ignores SIGINT and waits for the
/// script's cleanup instead of exiting first. A SIGTERM sent to this process is passed on (the script cleans up then too).
/// </summary>
internal static class DemoCommand
{
    /// <summary>Where the .deb installs the demo and the lab scripts it uses.</summary>
    public const string PackagedScript = "/usr/share/appliance/scripts/demo";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var failover = new Option<bool>("--failover") { Description = "Kill the master with SIGKILL on a timer (every 20 s) and restart it, to watch the VIP move." };
        var local = new Option<bool>("--local") { Description = "Without root: both nodes on 127.0.0.1 and 127.0.0.2, no floating IP." };
        var command = new Command("demo", "Start the two-node floating-IP demo in network namespaces (needs root); Ctrl-C removes all of it.") { failover, local };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var script = FindScript(AppContext.BaseDirectory);
            if (script is null)
            {
                stderr.WriteLine($"appliance demo: the demo script was not found: no scripts/demo above {AppContext.BaseDirectory} and no {PackagedScript}");
                return 1;
            }

            var info = new ProcessStartInfo(script) { UseShellExecute = false };
            if (parse.GetValue(failover))
            {
                info.ArgumentList.Add("--failover");
            }

            if (parse.GetValue(local))
            {
                info.ArgumentList.Add("--local");
            }

            if (OwnExecutable() is { } self)
            {
                info.Environment["APPLIANCE"] = self;
            }

            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            using var process = Process.Start(info)!;
            // Not passed on: the script already has the terminal's SIGINT, and a second one could cut its cleanup short.
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => PassOn(context, process, SigTerm));
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            return process.ExitCode;
        });
        return command;
    }

    /// <summary>scripts/demo in the checkout above <paramref name="baseDirectory"/>, else the packaged one, else null.</summary>
    internal static string? FindScript(string baseDirectory)
    {
        for (var directory = new DirectoryInfo(baseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "scripts", "demo");
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "lab", "lab.sh")))
            {
                return candidate;
            }
        }

        return File.Exists(PackagedScript) ? PackagedScript : null;
    }

    // The apphost the script should run ("dotnet appliance.dll" is not one path): this process when it is the apphost,
    // else the apphost beside appliance.dll; null lets the script build its own.
    private static string? OwnExecutable()
    {
        if (Environment.ProcessPath is { } path && Path.GetFileName(path) == "appliance")
        {
            return path;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "appliance");
        return File.Exists(beside) ? beside : null;
    }

    private const int SigTerm = 15;

    private static void PassOn(PosixSignalContext context, Process process, int signal)
    {
        context.Cancel = true;
        if (!process.HasExited)
        {
            _ = Kill(process.Id, signal);
        }
    }

    // DllImport (as PidFile's): kill(2) takes two ints, which marshal without a generated stub.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
