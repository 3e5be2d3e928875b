using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Appliance.ProxyCore.Forwarding.Tcp;

/// <summary>
/// Lets a plain tunnel's sockets run their continuations on the .NET socket event thread instead of queueing each one
/// to the thread pool. A tunnel's continuation is a few non-blocking system calls (receive what arrived, send it, wait
/// again), so the hop costs more than the work: the queued work item, a worker woken with a futex and the workers'
/// spinning (<c>sched_yield</c>) before they sleep again. This is .NET's own per-socket switch
/// (<c>Socket.PreferInlineCompletions</c>, internal and kept for reflection; process-wide it is
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>). A runtime without it leaves the sockets as they are.
/// Inline work is serialised on the event threads (one below 30 CPUs unless DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT says
/// otherwise), so tunnels only switch when that loses no parallelism: the process may run on one CPU (taskset, a
/// cgroup cpuset) or has at least one event thread per CPU.
/// </summary>
internal static class InlineCompletions
{
    private static int _unavailable;

    /// <summary>
    /// Whether tunnels switch their sockets to inline completions (<see cref="IsWorthIt"/> for this process). Not when
    /// every socket of the process completes inline already (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1, which the
    /// appliance sets by default): switching would do nothing, and switching back at the end would undo it.
    /// </summary>
    public static bool Preferred { get; } =
        Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") != "1"
        && IsWorthIt(Environment.ProcessorCount, Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT"));

    /// <summary>
    /// True when running continuations on the event threads costs no parallelism: one CPU, or at least as many event
    /// threads (<paramref name="eventThreads"/>, the DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT value) as CPUs.
    /// </summary>
    public static bool IsWorthIt(int processors, string? eventThreads) =>
        processors <= 1 || (int.TryParse(eventThreads, out var threads) && threads >= processors);

    /// <summary>Switches <paramref name="socket"/>'s inline completions on or off when the runtime supports it (Unix only).</summary>
    public static void Set(Socket socket, bool inline)
    {
        if (OperatingSystem.IsWindows() || Volatile.Read(ref _unavailable) != 0)
        {
            return;
        }

        try
        {
            SetPreferInlineCompletions(socket, inline);
        }
        catch (MissingMethodException)
        {
            Volatile.Write(ref _unavailable, 1);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Whether <paramref name="socket"/> completes inline (false where the runtime has no such switch).</summary>
    public static bool IsEnabled(Socket socket)
    {
        try
        {
            return GetPreferInlineCompletions(socket.SafeHandle);
        }
        catch (MissingMethodException)
        {
            return false;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_PreferInlineCompletions")]
    private static extern void SetPreferInlineCompletions(Socket socket, bool value);

    // The runtime keeps Socket's setter only; the handle, where the switch lives, still has its getter.
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "get_PreferInlineCompletions")]
    private static extern bool GetPreferInlineCompletions(SafeSocketHandle handle);
}
