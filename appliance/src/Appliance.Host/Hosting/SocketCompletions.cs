namespace Appliance.Host.Hosting;

/// <summary>
/// Runs socket completions on the socket event threads (one per processor) instead of handing each to the thread pool,
/// the way HAProxy's event loop runs the connection that became ready: the .NET switch
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, set for the process before its first socket.
/// </summary>
/// <remarks>
/// Without it every readiness event crosses threads: the event thread queues it, a pool worker (woken, or spinning in
/// <c>sched_yield</c>) runs it, and each work item asks for one more worker. On a busy core those threads preempt one
/// another while holding ready connections, which made the 64 KiB tail (p99) 4-5x HAProxy's and cost CPU per byte
/// (bench/notes/p99.md). The proxy's data path never blocks a thread, so running it on the event thread is safe; work
/// that does not come from a socket (timers, checks, the HA driver's own thread) still runs where it did. The switch
/// is read once, when the runtime creates its first socket, and only from the environment: an operator who sets the
/// variable (to 0 to get the thread-pool dispatch back) keeps the value given.
/// </remarks>
internal static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Sets the switch in this process unless its environment already has a value for it; call before any socket exists.</summary>
    public static void PreferInline() => PreferInline(Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);

    /// <summary>Sets the switch through <paramref name="set"/> unless <paramref name="get"/> already has a value for it.</summary>
    internal static void PreferInline(Func<string, string?> get, Action<string, string> set)
    {
        if (get(Variable) is null)
        {
            set(Variable, "1");
        }
    }
}
