using System.Diagnostics;

namespace Appliance.Image.Tests;

/// <summary>Runs a program to completion: exit code and both streams merged; optional extra environment.</summary>
internal static class Shell
{
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static string Ok(string file, params string[] args)
    {
        var (code, output) = Run(file, args);
        Assert.True(code == 0, $"{file} {string.Join(' ', args)} exited {code}:\n{output}");
        return output;
    }

    public static bool Exists(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(System.IO.Path.Combine(dir, program)));
}
