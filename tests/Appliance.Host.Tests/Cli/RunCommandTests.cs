using System.Diagnostics;
using Appliance.Tests.Common;

namespace Appliance.Host.Tests.Cli;

/// <summary>Runs the real <c>appliance</c> executable as a child process.</summary>
public sealed class RunCommandTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_ServesTraffic_ThenSigtermDrainsAndExits0()
    {
        await using var backend = new TestBackend("media1");
        var port = TcpClientHelper.FreePort();
        var config = CheckCommandTests.WriteTemp($"""
            defaults
                mode tcp
                timeout connect 2s
                timeout client 30s
                timeout server 30s
            listen rtmp
                bind 127.0.0.1:{port}
                server media1 127.0.0.1:{backend.Port}
            """);
        using var state = new TempDirectory();
        using var process = StartAppliance("run", "-f", config, "--state-dir", state.Path);
        try
        {
            var serving = await ReadUntilAsync(process.StandardOutput, "serving");
            Assert.Contains($"127.0.0.1:{port}", serving, StringComparison.Ordinal);

            Assert.Equal("media1", await TcpClientHelper.ReadGreetingAsync(port, Timeout));

            SendSigterm(process.Id);
            await process.WaitForExitAsync().WaitAsync(Timeout);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [Fact]
    public async Task Run_InvalidConfig_RefusesToStartWithDiagnostics()
    {
        var config = CheckCommandTests.WriteTemp("frontend fe\n    bind *:1935\n    default_backend missing\n");
        using var process = StartAppliance("run", "-f", config);

        var stderr = await process.StandardError.ReadToEndAsync().WaitAsync(Timeout);
        await process.WaitForExitAsync().WaitAsync(Timeout);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains($"{config}:3: error:", stderr, StringComparison.Ordinal);
        Assert.Contains("Not starting", stderr, StringComparison.Ordinal);
    }

    private static Process StartAppliance(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "appliance.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static void SendSigterm(int pid)
    {
        using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    private static async Task<string> ReadUntilAsync(StreamReader reader, string marker)
    {
        using var cts = new CancellationTokenSource(Timeout);
        while (true)
        {
            var line = await reader.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("appliance exited before serving");
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }
}
