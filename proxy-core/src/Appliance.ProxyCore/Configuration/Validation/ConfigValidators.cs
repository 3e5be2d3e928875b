using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Tls;
using Appliance.ProxyCore.Logging;

namespace Appliance.ProxyCore.Configuration.Validation;

/// <summary>The validators run on every load, in this order; all of them run even when earlier ones found errors.</summary>
public static class ConfigValidators
{
    /// <param name="certificates">Reads the certificates of ssl binds; default the real file system and clock.</param>
    public static IReadOnlyList<IConfigValidator> Create(LoadBalancingPolicyRegistry registry, CertificateLoader? certificates = null) =>
    [
        new ProxyNameValidator(),
        new FrontendBindValidator(),
        new BackendReferenceValidator(),
        new BalanceValidator(registry),
        new ServerUniquenessValidator(),
        new MissingTimeoutValidator(),
        new HttpModeValidator(),
        new LogFormatValidator(),
        new CookieValidator(),
        new TlsValidator(certificates ?? new CertificateLoader()),
        new LogTargetValidator(),
    ];
}
