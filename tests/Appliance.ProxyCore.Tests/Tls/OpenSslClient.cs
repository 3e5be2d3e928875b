using System.Diagnostics;

namespace Appliance.ProxyCore.Tests.Tls;

/// <summary>Runs <c>openssl s_client</c> against a local port and returns what it printed.</summary>
internal static class OpenSslClient
{
    public static string? Executable { get; } = FindOnPath("openssl");

    /// <summary>coreutils' stdbuf: makes s_client's output line-buffered, so a test can react to a line before it exits.</summary>
    public static string? LineBuffer { get; } = FindOnPath("stdbuf");

    /// <summary>The session line s_client prints once the handshake is done: "New, ..." (full) or "Reused, ..." (resumed).</summary>
    public const string ResumedMarker = "Reused, TLSv";

    /// <summary>What s_client prints when a TLS 1.3 server's ticket arrives (after the handshake).</summary>
    public const string TicketMarker = "Post-Handshake New Session Ticket arrived";

    public static async Task<string> ConnectAsync(int port, params string[] arguments)
    {
        using var process = Start(port, arguments);

        // Closing stdin makes s_client finish the handshake, print its summary and exit.
        process.StandardInput.Close();
        return await ReadToExitAsync(process, "");
    }

    /// <summary>
    /// Connects with <c>-sess_out <paramref name="sessionFile"/></c> and keeps the connection open until the first TLS 1.3
    /// session ticket arrives (a TLS 1.3 server sends it after the handshake; closing at once would lose it), or until
    /// s_client ends. Bounded by the same 20 s as every s_client run here. Needs <see cref="LineBuffer"/>.
    /// </summary>
    public static async Task<string> ConnectUntilTicketAsync(int port, string sessionFile, params string[] arguments)
    {
        using var process = Start(port, ["-sess_out", sessionFile, .. arguments], lineBuffered: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new System.Text.StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.AppendLine(line);
            if (line.Contains(TicketMarker, StringComparison.Ordinal))
            {
                break;
            }
        }

        process.StandardInput.Close();
        return await ReadToExitAsync(process, seen.ToString());
    }

    private static Process Start(int port, IEnumerable<string> arguments, bool lineBuffered = false)
    {
        var start = new ProcessStartInfo(lineBuffered ? LineBuffer! : Executable!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] prefix = lineBuffered ? ["-oL", Executable!] : [];
        foreach (var argument in prefix.Concat(["s_client", "-connect", $"127.0.0.1:{port}", "-showcerts"]).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task<string> ReadToExitAsync(Process process, string alreadyRead)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return alreadyRead + await output + await error;
    }

    private static string? FindOnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, name))
        .FirstOrDefault(File.Exists);
}
