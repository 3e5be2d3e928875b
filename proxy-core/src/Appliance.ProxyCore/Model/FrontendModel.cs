using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Transport;

namespace Appliance.ProxyCore.Model;

/// <summary>A frontend (or the frontend half of a <c>listen</c> section) at runtime.</summary>
public sealed class FrontendModel
{
    public FrontendModel(ProxyConfig config, BackendModel? defaultBackend)
    {
        Config = config;
        DefaultBackend = defaultBackend;
        Limiter = config.MaxConn is > 0 and var max ? new ConnectionLimiter(max) : null;
    }

    public ProxyConfig Config { get; }

    public string Name => Config.Name;

    /// <summary><c>default_backend</c>, or the section itself for <c>listen</c>; null when neither routes anywhere.</summary>
    public BackendModel? DefaultBackend { get; }

    /// <summary>The frontend's own <c>maxconn</c>, if set.</summary>
    public ConnectionLimiter? Limiter { get; }
}
