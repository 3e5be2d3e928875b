namespace Appliance.ProxyCore.Configuration.Validation;

/// <summary>One concern of whole-file validation (references, names, timeouts, ...). Adds every finding; never throws.</summary>
public interface IConfigValidator
{
    void Validate(ApplianceConfig config, DiagnosticBag bag);
}
