using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;
using Appliance.ProxyCore.Tls;

namespace Appliance.ProxyCore;

/// <summary>One listening address of a runtime: the frontend it serves and, for <c>ssl</c> binds, its TLS options.</summary>
internal sealed record ProxyBinding(string Key, BindConfig Bind, FrontendModel Frontend, TlsServerOptionsProvider? Tls)
{
    /// <summary>
    /// Identifies a listening socket across reloads: same address, port and options = same socket kept open. A frontend
    /// renamed or re-routed keeps its socket; a changed address or option gets a new one.
    /// </summary>
    public static string KeyOf(BindConfig bind) => $"{bind}|{string.Join(' ', bind.Options)}";
}
