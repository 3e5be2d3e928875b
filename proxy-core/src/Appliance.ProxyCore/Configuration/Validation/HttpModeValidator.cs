using Appliance.ProxyCore.Configuration.Parsing;

namespace Appliance.ProxyCore.Configuration.Validation;

/// <summary>
/// Warns about HTTP-only settings in a TCP-mode proxy, where they have no effect (HAProxy warns likewise):
/// <c>option httplog</c> falls back to tcplog, HTTP options and HTTP rules are ignored, server cookies are ignored.
/// </summary>
public sealed class HttpModeValidator : IConfigValidator
{
    /// <summary>Deferred keywords that only act on HTTP messages.</summary>
    private static readonly string[] HttpKeywords =
        ["http-request", "http-response", "http-after-response", "redirect", "cookie", "stats", "capture", "compression", "unique-id-header"];

    private static readonly string[] HttpLogOptions = ["httplog", "httpslog"];

    public void Validate(ApplianceConfig config, DiagnosticBag bag)
    {
        foreach (var proxy in config.Proxies.Where(p => p.Mode == ProxyMode.Tcp))
        {
            foreach (var option in HttpLogOptions.Where(o => proxy.IsFrontend && proxy.Options.Contains(o)))
            {
                bag.Warning(proxy.Location, ConfigMessages.HttpLogInTcp(option, proxy.Kind, proxy.Name));
            }

            foreach (var option in OptionCatalog.HttpOnly.Where(proxy.Options.Contains))
            {
                bag.Warning(proxy.Location, ConfigMessages.HttpOptionInTcp(option, proxy.Kind, proxy.Name));
            }

            // One warning per keyword, at its first line, is enough to point at the problem.
            foreach (var line in proxy.DeferredLines.Where(l => HttpKeywords.Contains(l.Keyword)).DistinctBy(l => l.Keyword))
            {
                bag.Warning(line.Location, ConfigMessages.HttpKeywordInTcp(line.Keyword, proxy.Kind, proxy.Name));
            }

            foreach (var server in proxy.Servers.Where(s => s.Cookie is not null))
            {
                bag.Warning(server.Location, ConfigMessages.ServerCookieInTcp(server.Name, proxy.Name));
            }
        }
    }
}
