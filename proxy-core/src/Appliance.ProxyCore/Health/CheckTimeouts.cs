using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Health;

/// <summary>
/// How long one check may take, by HAProxy's rule ("timeout check" in the configuration manual): without
/// <c>timeout check</c>, <c>inter</c> bounds the whole check (connect + read); with it, the connect gets
/// <c>min(timeout connect, inter)</c> and the rest gets <c>timeout check</c> from the moment the connection is up.
/// </summary>
/// <param name="Connect">The budget for establishing the connection.</param>
/// <param name="AfterConnect">
/// A fresh budget for sending and reading once connected; <c>null</c> means the <see cref="Connect"/> budget keeps
/// running and covers the whole check.
/// </param>
public readonly record struct CheckTimeouts(TimeSpan Connect, TimeSpan? AfterConnect)
{
    /// <param name="inter">The check's configured <c>inter</c> (or <c>agent-inter</c>), not the current fast/down one.</param>
    /// <param name="timeouts">The backend's timeouts.</param>
    public static CheckTimeouts For(TimeSpan inter, TimeoutsConfig timeouts)
    {
        if (timeouts.Check is not { } check)
        {
            return new CheckTimeouts(inter, null);
        }

        // HAProxy only takes the min when both are set (src/tcpcheck.c, tcpcheck_eval_connect).
        var connect = timeouts.Connect is { } c && c < inter ? c : inter;
        return new CheckTimeouts(connect, check);
    }
}
