namespace Appliance.HaAgent.Configuration;

/// <summary><c>track_proxy [weight N]</c>: follow the local proxy's health (the host reports it).</summary>
/// <param name="Weight">Subtracted from the priority while the proxy is unhealthy, 1..254. Default 254.</param>
public sealed record TrackProxyConfig(int Weight);
