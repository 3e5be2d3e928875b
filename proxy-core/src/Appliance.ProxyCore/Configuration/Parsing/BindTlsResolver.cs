namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// The last parsing step: reads the global TLS defaults, then the options of every bind into <see cref="BindConfig.Tls"/>.
/// It runs after the sections are parsed because a bind's defaults (global) and its ALPN default (the proxy's mode,
/// possibly set after the bind line) are only known then. A bind line with several addresses is parsed once per
/// address; the bag reports its problems once.
/// </summary>
internal sealed class BindTlsResolver(DiagnosticBag bag)
{
    public ApplianceConfig Apply(ApplianceConfig config)
    {
        var defaults = new TlsDefaultsParser(bag).Parse(config.Global.DeferredLines);
        var parser = new BindOptionsParser(bag);
        var proxies = config.Proxies.Select(proxy =>
        {
            if (proxy.Binds.Count == 0)
            {
                return proxy;
            }

            var where = ConfigMessages.InSection(proxy.Kind, proxy.Name);
            return proxy with
            {
                Binds = [.. proxy.Binds.Select(b => b with { Tls = parser.Parse(b.Options, defaults, proxy.Mode, where, b.Location) })],
            };
        });
        return config with { Proxies = [.. proxies] };
    }
}
