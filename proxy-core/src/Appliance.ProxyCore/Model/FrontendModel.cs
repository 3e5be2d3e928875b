using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Transport;

namespace Appliance.ProxyCore.Model;

/// <summary>A frontend (or the frontend half of a <c>listen</c> section) at runtime.</summary>
public sealed class FrontendModel
{
    /// <param name="config">The frontend or listen section.</param>
    /// <param name="defaultBackend">Where requests go without a switching rule.</param>
    /// <param name="time">The clock of the counters; default <see cref="TimeProvider.System"/>.</param>
    /// <param name="previous">The frontend of the same name before a reload: its counters are kept.</param>
    public FrontendModel(ProxyConfig config, BackendModel? defaultBackend, TimeProvider? time = null, FrontendModel? previous = null)
    {
        Config = config;
        Traffic = previous?.Traffic ?? new TrafficCounters(time ?? TimeProvider.System);
        DefaultBackend = defaultBackend;
        Limiter = config.MaxConn is > 0 and var max ? new ConnectionLimiter(max) : null;
    }

    public ProxyConfig Config { get; }

    /// <summary>The frontend's traffic counters: sessions are client connections.</summary>
    public TrafficCounters Traffic { get; }

    public string Name => Config.Name;

    /// <summary><c>default_backend</c>, or the section itself for <c>listen</c>; null when neither routes anywhere.</summary>
    public BackendModel? DefaultBackend { get; }

    /// <summary>The frontend's own <c>maxconn</c>, if set.</summary>
    public ConnectionLimiter? Limiter { get; }
}
