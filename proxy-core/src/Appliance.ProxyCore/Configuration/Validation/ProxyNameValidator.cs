namespace Appliance.ProxyCore.Configuration.Validation;

/// <summary>
/// Proxy names must be unique per side: two frontends or two backends may not share a name, and a listen section
/// clashes with both. A frontend and a backend may share one (HAProxy's rule; common for "web" pairs).
/// </summary>
public sealed class ProxyNameValidator : IConfigValidator
{
    public void Validate(ApplianceConfig config, DiagnosticBag bag)
    {
        for (var i = 0; i < config.Proxies.Count; i++)
        {
            var proxy = config.Proxies[i];
            var clash = config.Proxies.Take(i).FirstOrDefault(p => p.Name == proxy.Name
                && (p.Kind == proxy.Kind || p.Kind == ProxyKind.Listen || proxy.Kind == ProxyKind.Listen));
            if (clash is not null)
            {
                bag.Error(proxy.Location, ConfigMessages.DuplicateProxyName(proxy.Kind, proxy.Name, clash.Kind, clash.Location));
            }
        }
    }
}
