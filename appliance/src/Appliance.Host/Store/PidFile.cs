using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Appliance.Host.Store;

/// <summary>
/// <c>appliance.pid</c> in the state directory: written by <c>appliance run</c> once it handles SIGHUP, removed when it
/// exits, read by <c>appliance config rollback</c> to signal the reload.
/// </summary>
internal sealed class PidFile : IDisposable
{
    private const int SigHup = 1;

    private static readonly string[] FileArgumentPrefixes = ["-f=", "-f:", "--file=", "--file:"];

    private readonly string _path;
    private readonly ILogger _logger;

    private PidFile(string path, ILogger logger)
    {
        _path = path;
        _logger = logger;
    }

    /// <summary>Writes this process's id; a failure is logged and yields null (the node serves without a pid file).</summary>
    public static PidFile? Create(StateDirectory directory, ILogger logger)
    {
        try
        {
            directory.EnsureCreated();
            AtomicFile.WriteAllText(directory.PidFilePath, $"{Environment.ProcessId}\n");
            return new PidFile(directory.PidFilePath, logger);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            StoreLog.PidFileFailed(logger, directory.PidFilePath, "written", e.Message);
            return null;
        }
    }

    /// <summary>
    /// The pid of the <c>appliance run</c> process named by the pid file of <paramref name="directory"/>, or null with the
    /// reason: no file, or the process is gone (a pid reused by another program is not an appliance and is not named).
    /// </summary>
    public static int? FindRunning(StateDirectory directory, out string reason)
    {
        string text;
        try
        {
            text = File.ReadAllText(directory.PidFilePath).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            reason = $"no pid file at {directory.PidFilePath}";
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            reason = $"{directory.PidFilePath} does not hold a process id (it holds '{text}')";
            return null;
        }

        if (!IsApplianceRun(pid))
        {
            reason = $"process {pid} named by {directory.PidFilePath} is not running 'appliance run' (a stale pid file)";
            return null;
        }

        reason = string.Empty;
        return pid;
    }

    /// <summary>
    /// The full path of the configuration file <c>appliance run</c> process <paramref name="pid"/> serves (its <c>-f</c>,
    /// resolved against its working directory), or null when it cannot be read.
    /// </summary>
    public static string? ServedFile(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            var cwd = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            for (var i = 0; i < arguments.Length; i++)
            {
                // System.CommandLine accepts "-f X", "--file X", and the forms with '=' or ':'.
                var file = arguments[i] is "-f" or "--file" && i + 1 < arguments.Length
                    ? arguments[i + 1]
                    : FileArgumentPrefixes.FirstOrDefault(p => arguments[i].StartsWith(p, StringComparison.Ordinal)) is { } prefix
                        ? arguments[i][prefix.Length..]
                        : null;
                if (file is not null && cwd is not null)
                {
                    return Path.GetFullPath(file, cwd);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone, or not ours to read: the caller signals without the check.
        }

        return null;
    }

    /// <summary>Sends SIGHUP to <paramref name="pid"/>; false with the errno text when the kernel refused.</summary>
    public static bool SignalReload(int pid, out string error)
    {
        if (Kill(pid, SigHup) == 0)
        {
            error = string.Empty;
            return true;
        }

        error = Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
        return false;
    }

    /// <summary>Removes the file unless another process has rewritten it since (a second node on the same directory).</summary>
    public void Dispose()
    {
        try
        {
            if (File.ReadAllText(_path).Trim() == Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            {
                File.Delete(_path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            StoreLog.PidFileFailed(_logger, _path, "removed", e.Message);
        }
    }

    // /proc/PID/cmdline is NUL-separated: "dotnet appliance.dll run ..." or "/usr/bin/appliance run ...".
    private static bool IsApplianceRun(int pid)
    {
        string[] arguments;
        try
        {
            arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var program = Array.FindIndex(arguments, a => Path.GetFileName(a) is "appliance" or "appliance.dll");
        return program >= 0 && arguments.Skip(program + 1).Contains("run");
    }

    // DllImport rather than LibraryImport: the source-generated form needs unsafe code in the whole host project, and
    // kill(2) takes two ints, which marshal without any generated stub.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
