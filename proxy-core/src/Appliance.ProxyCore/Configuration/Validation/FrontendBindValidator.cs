namespace Appliance.ProxyCore.Configuration.Validation;

/// <summary>
/// A frontend or listen section without any <c>bind</c> cannot receive traffic. HAProxy only warns; we refuse it,
/// because such a section is nearly always a backend declared with the wrong keyword.
/// </summary>
public sealed class FrontendBindValidator : IConfigValidator
{
    public void Validate(ApplianceConfig config, DiagnosticBag bag)
    {
        foreach (var proxy in config.Frontends.Where(p => p.Binds.Count == 0 && !p.HasBindLines && !p.Disabled))
        {
            bag.Error(proxy.Location, ConfigMessages.FrontendWithoutBind(proxy.Kind, proxy.Name));
        }
    }
}
