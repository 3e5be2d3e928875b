using System.Collections.Concurrent;
using System.Diagnostics;

namespace Appliance.LabTests.Infrastructure;

/// <summary>
/// A process the lab started (`ip netns exec` execs the command, so the PID is the program's own): its output lines are
/// collected as they arrive, and it is signalled and killed by PID only.
/// </summary>
internal sealed class LabProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly List<Action<string>> _watchers = [];

    public LabProcess(string name, IReadOnlyList<string> command)
    {
        Name = name;
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line so far, stdout and stderr interleaved as they arrived.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Calls <paramref name="watcher"/> for each later line (on the reader's thread).</summary>
    public void Watch(Action<string> watcher)
    {
        lock (_watchers)
        {
            _watchers.Add(watcher);
        }
    }

    public void Signal(int signal) => Posix.Signal(Pid, signal);

    /// <summary>Waits for the process to exit; false on timeout.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Kills the process by PID (continuing it first in case it is stopped) and waits for it.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Posix.Kill(Pid, Posix.SigCont);
            Posix.Kill(Pid, Posix.SigKill);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        Action<string>[] watchers;
        lock (_watchers)
        {
            watchers = [.. _watchers];
        }

        foreach (var watcher in watchers)
        {
            watcher(line);
        }
    }
}
