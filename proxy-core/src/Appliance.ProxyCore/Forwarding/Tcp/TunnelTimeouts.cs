namespace Appliance.ProxyCore.Forwarding.Tcp;

/// <summary>
/// The idle timeouts of an established tunnel, resolved from the proxy's <c>timeout</c> keywords. <c>null</c> = no limit.
/// When <see cref="Tunnel"/> is set it supersedes the others and applies to inactivity in both directions at once
/// (HAProxy: "this timeout supersedes both the client and server timeouts once the connection becomes a tunnel").
/// </summary>
public sealed record TunnelTimeouts(TimeSpan? Client, TimeSpan? Server, TimeSpan? ClientFin, TimeSpan? ServerFin, TimeSpan? Tunnel)
{
    public static TunnelTimeouts None { get; } = new(null, null, null, null, null);

    /// <summary>client-fin falls back to client, server-fin to server, as documented by HAProxy.</summary>
    public static TunnelTimeouts From(Configuration.TimeoutsConfig t) =>
        new(t.Client, t.Server, t.ClientFin ?? t.Client, t.ServerFin ?? t.Server, t.Tunnel);
}
