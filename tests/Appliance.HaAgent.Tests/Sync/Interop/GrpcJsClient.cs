using System.Diagnostics;
using System.Security.Cryptography;

namespace Appliance.HaAgent.Tests.Sync.Interop;

/// <summary>
/// Runs tests/interop/grpc-js/client.js with node. Its packages (@grpc/grpc-js, @grpc/proto-loader, pinned by the
/// committed package-lock.json) are installed with <c>npm ci</c> on first use into a temp directory named after the
/// lock file's hash, and reused while the lock file is unchanged.
/// </summary>
internal static class GrpcJsClient
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private static string Source => Path.Combine(AppContext.BaseDirectory, "interop", "grpc-js");

    public static string ProtoPath => Path.Combine(Source, "probe.proto");

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Where(d => d.Length > 0)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs the client with <paramref name="arguments"/> and returns its output lines (stdout); fails on a non-zero exit.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(IEnumerable<string> arguments)
    {
        var directory = await InstallAsync();
        File.Copy(Path.Combine(Source, "client.js"), Path.Combine(directory, "client.js"), overwrite: true);
        var (exitCode, output, error) = await RunProcessAsync("node", ["client.js", .. arguments], directory, TimeSpan.FromMinutes(1));
        Assert.True(exitCode == 0, $"node client.js exited {exitCode}\nstdout:\n{output}\nstderr:\n{error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static async Task<string> InstallAsync()
    {
        var lockFile = await File.ReadAllBytesAsync(Path.Combine(Source, "package-lock.json"));
        var hash = Convert.ToHexString(SHA256.HashData(lockFile))[..16].ToLowerInvariant();
        var directory = Path.Combine(Path.GetTempPath(), $"appliance-grpc-js-{hash}");
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(directory, "node_modules", "@grpc", "grpc-js", "package.json")))
            {
                return directory;
            }

            // Install beside, then move into place: an interrupted install never looks complete.
            var staging = directory + ".staging-" + Guid.NewGuid().ToString("N")[..8];
            Directory.CreateDirectory(staging);
            File.Copy(Path.Combine(Source, "package.json"), Path.Combine(staging, "package.json"));
            File.Copy(Path.Combine(Source, "package-lock.json"), Path.Combine(staging, "package-lock.json"));
            var (exitCode, output, error) = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"], staging, TimeSpan.FromMinutes(5));
            Assert.True(exitCode == 0, $"npm ci for the grpc-js interop client failed ({exitCode})\n{output}\n{error}");
            try
            {
                Directory.Move(staging, directory);
            }
            catch (IOException) when (Directory.Exists(directory))
            {
                // Another test process installed it meanwhile.
                Directory.Delete(staging, recursive: true);
            }

            return directory;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(
        string program, IReadOnlyList<string> arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
