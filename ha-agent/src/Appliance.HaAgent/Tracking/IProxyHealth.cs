namespace Appliance.HaAgent.Tracking;

/// <summary>
/// The local proxy's health as the host sees it, for <c>track_proxy</c>. The host implements it (listeners up and at
/// least one backend with a usable server); the ha-agent never references the proxy core.
/// </summary>
public interface IProxyHealth
{
    /// <summary>True while the proxy can serve traffic sent to the VIP. Called from a tracker thread; must be cheap.</summary>
    bool IsHealthy { get; }
}
