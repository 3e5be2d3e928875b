namespace Appliance.HaAgent.Linux;

/// <summary>
/// Raises the calling thread's scheduling priority. On Linux a thread is a task with its own nice value, so
/// setpriority(PRIO_PROCESS, gettid(), N) affects only that thread; the proxy's threads keep the default. Best effort:
/// without CAP_SYS_NICE the call fails and the thread keeps nice 0.
/// </summary>
internal static class ThreadNice
{
    /// <summary>Nice −10: ahead of the proxy's nice-0 threads on a saturated CPU, below real-time tasks.</summary>
    public const int AdvertThreadNice = -10;

    /// <summary>Sets the calling thread's nice value; returns false when the kernel refused or this is not Linux.</summary>
    public static bool TrySet(int nice) =>
        OperatingSystem.IsLinux() && LibC.SetPriority(LibC.PrioProcess, LibC.GetTid(), nice) == 0;
}
