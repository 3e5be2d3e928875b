namespace Appliance.ProxyCore.Configuration.Validation;

/// <summary>
/// A log format option (<c>option tcplog</c>, <c>httplog</c>, <c>httpslog</c>) on a frontend without any <c>log</c>
/// line does nothing; HAProxy warns about it ("log format ignored ... since it has no log address").
/// </summary>
public sealed class LogFormatValidator : IConfigValidator
{
    private static readonly string[] FormatOptions = ["tcplog", "httplog", "httpslog"];

    public void Validate(ApplianceConfig config, DiagnosticBag bag)
    {
        foreach (var proxy in config.Frontends.Where(p => p.Logs.Count == 0))
        {
            foreach (var option in FormatOptions.Where(proxy.Options.Contains))
            {
                bag.Warning(proxy.Location, ConfigMessages.LogFormatWithoutLog(option, proxy.Kind, proxy.Name));
            }
        }
    }
}
