using Appliance.ProxyCore.Persistence;

namespace Appliance.ProxyCore.Configuration.Validation;

/// <summary>Parses every backend's <c>cookie</c> line so its errors are reported at check time.</summary>
public sealed class CookieValidator : IConfigValidator
{
    public void Validate(ApplianceConfig config, DiagnosticBag bag)
    {
        foreach (var proxy in config.Backends)
        {
            CookieConfigParser.Parse(proxy, bag);
        }
    }
}
