namespace Appliance.ProxyCore.Forwarding.Tcp;

/// <summary>
/// Told of every chunk a <see cref="TcpTunnel"/> has passed on, as it happens: for tunnels whose bytes count in live
/// counters while they run (an upgraded HTTP connection), where a TCP session adds its totals when the tunnel ends.
/// Called from both directions at once, each direction from one thread at a time.
/// </summary>
internal interface ITunnelMeter
{
    /// <summary><paramref name="bytes"/> read from the client were sent to the server.</summary>
    void FromClient(long bytes);

    /// <summary><paramref name="bytes"/> read from the server were sent to the client.</summary>
    void FromServer(long bytes);
}
