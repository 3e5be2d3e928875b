namespace Appliance.Host.Hosting;

/// <summary>
/// Runs socket completions on the socket engine's own epoll threads (one per CPU the process may use) instead of
/// handing each one to the .NET thread pool, as HAProxy runs every connection on its event-loop threads. Without it,
/// every read or write that waited cost a thread-pool hand-off: the epoll thread queues the event, wakes a worker
/// (futex), and idle workers spin in <c>sched_yield</c> before they sleep; with the proxy on one core that was 16-22 % of
/// its CPU per keep-alive request (issue 9, bench/notes/httpcpu.md). The proxy's code never blocks on a
/// socket continuation (no sync-over-async on the data path; the admin socket hands its commands to the thread pool).
/// The runtime reads <see cref="Variable"/> once, when the first socket is registered, so <see cref="Apply"/> runs first
/// thing in <c>Main</c>. An operator's own value wins: <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0</c> restores
/// the thread-pool dispatch.
/// </summary>
internal static class InlineSocketCompletions
{
    /// <summary>The runtime's switch (System.Net.Sockets, Unix): "1" runs completions inline.</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>The value to set given the one inherited from the environment, or null to leave it as it is.</summary>
    public static string? Choose(string? inherited) => string.IsNullOrEmpty(inherited) ? "1" : null;

    /// <summary>Sets <see cref="Variable"/> to "1" unless the environment already says something; call before any socket exists.</summary>
    public static void Apply()
    {
        if (Choose(Environment.GetEnvironmentVariable(Variable)) is { } value)
        {
            Environment.SetEnvironmentVariable(Variable, value);
        }
    }
}
