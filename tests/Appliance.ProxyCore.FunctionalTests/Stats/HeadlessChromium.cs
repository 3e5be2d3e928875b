using System.Diagnostics;

namespace Appliance.ProxyCore.FunctionalTests.Stats;

/// <summary>
/// Debian's Chromium run headless with the flags the machine allows (no sandbox, no GPU, no background networking, a
/// throw-away profile); it is only ever pointed at 127.0.0.1.
/// </summary>
internal static class HeadlessChromium
{
    public const string Binary = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(Binary);

    /// <summary>Saves a PNG of <paramref name="url"/> at 1400x900.</summary>
    public static Task ScreenshotAsync(Uri url, string path) => RunAsync(url, $"--screenshot={path}", "--window-size=1400,900");

    /// <summary>The DOM of <paramref name="url"/> after loading, serialised.</summary>
    public static Task<string> DumpDomAsync(Uri url) => RunAsync(url, "--dump-dom");

    private static async Task<string> RunAsync(Uri url, params string[] extra)
    {
        Assert.Equal("127.0.0.1", url.Host);
        var profile = Directory.CreateTempSubdirectory("chromium-profile-");
        try
        {
            var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}",
            }.Concat(extra).Append(url.ToString()))
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within 60 s: {await error}");
            }

            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await error}");
            return await output;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
