using Appliance.HaAgent.Tracking;
using Appliance.ProxyCore;

namespace Appliance.Host.Hosting;

/// <summary>
/// <c>track_proxy</c>'s view of the proxy: healthy while its listeners are open and at least one backend has a usable
/// server (up, not in maintenance, weight above zero). A node that cannot serve lowers its priority and gives up the VIP.
/// </summary>
internal sealed class HaProxyHealth(ProxyEngine engine) : IProxyHealth
{
    /// <inheritdoc />
    public bool IsHealthy
    {
        get
        {
            try
            {
                return engine.ListeningEndPoints.Count > 0
                    && engine.Backends.Values.Any(b => b.Servers.Any(s => s.State.IsUsable));
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
            {
                // Listeners closing under us: the proxy is going away.
                return false;
            }
        }
    }
}
