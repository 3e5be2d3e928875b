using System.Diagnostics;

namespace Appliance.LabTests.Infrastructure;

/// <summary>Runs short commands (ip, lab.sh, tshark) to completion and returns their output.</summary>
internal static class Commands
{
    /// <summary>Runs <paramref name="program"/>; returns exit code, stdout and stderr. Kills it after <paramref name="timeout"/>.</summary>
    public static (int ExitCode, string Output, string Errors) Run(string program, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs and returns stdout; throws with both outputs when the exit code is not 0.</summary>
    public static string Check(string program, params string[] arguments)
    {
        var (exitCode, output, errors) = Run(program, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {exitCode}: {output}{errors}");
        }

        return output;
    }

    /// <summary>True when <paramref name="program"/> is on PATH.</summary>
    public static bool Exists(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program)));
}
