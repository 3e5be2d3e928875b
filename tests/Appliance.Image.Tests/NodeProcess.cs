using System.Diagnostics;

namespace Appliance.Image.Tests;

/// <summary>A real <c>appliance run</c> (the apphost in this project's output), killed by PID on dispose.</summary>
internal sealed class NodeProcess : IDisposable
{
    private readonly Process _process;

    private NodeProcess(Process process) => _process = process;

    public static NodeProcess Start(string config, string socket, string stateDir)
    {
        var info = new ProcessStartInfo(Repository.Appliance) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "run", "-f", config, "--socket", socket, "--state-dir", stateDir })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!File.Exists(socket))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"appliance run did not create {socket} (exited: {process.HasExited})");
            }

            Thread.Sleep(50);
        }

        return new NodeProcess(process);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
