using System.Diagnostics;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>Runs <c>openssl s_client</c> against a local port and returns what it printed.</summary>
internal static class OpenSslClient
{
    public static string? Executable { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, "openssl"))
        .FirstOrDefault(File.Exists);

    public static async Task<string> ConnectAsync(int port, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-showcerts" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;

        // Closing stdin makes s_client finish the handshake, print its summary and exit.
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return await output + await error;
    }
}
