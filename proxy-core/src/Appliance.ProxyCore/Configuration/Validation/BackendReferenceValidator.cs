namespace Appliance.ProxyCore.Configuration.Validation;

/// <summary>
/// <c>default_backend</c> and <c>use_backend</c> must name a backend or listen section. Names built at run time
/// (log-format names such as <c>%[req.hdr(host),lower]</c>, anything with <c>%</c>) cannot be checked and are skipped.
/// </summary>
public sealed class BackendReferenceValidator : IConfigValidator
{
    public void Validate(ApplianceConfig config, DiagnosticBag bag)
    {
        var backendNames = config.Backends.Select(b => b.Name).Distinct().ToList();
        foreach (var proxy in config.Frontends)
        {
            if (proxy.DefaultBackend is { } name && proxy.DefaultBackendLocation is { } location)
            {
                Check(config, bag, backendNames, "default_backend", name, Where(proxy, location), location);
            }

            // 'use_backend if ...' has no name at all; the rules compiler reports that.
            foreach (var line in proxy.DeferredLines.Where(l => l.Keyword == "use_backend" && l.Arguments.Count > 0 && l.Arguments[0] is not ("if" or "unless")))
            {
                Check(config, bag, backendNames, "use_backend", line.Arguments[0], Where(proxy, line.Location), line.Location);
            }
        }
    }

    /// <summary>A line inherited from a defaults section is named as such, so that it is reported once.</summary>
    internal static string Where(ProxyConfig proxy, SourceLocation line) =>
        line.Line < proxy.Location.Line ? ConfigMessages.InSection(null, null) : ConfigMessages.InSection(proxy.Kind, proxy.Name);

    private static void Check(ApplianceConfig config, DiagnosticBag bag, List<string> backendNames, string keyword, string name, string where, SourceLocation location)
    {
        if (name.Contains('%', StringComparison.Ordinal) || backendNames.Contains(name))
        {
            return;
        }

        if (config.Proxies.Any(p => p.Name == name && p.Kind == ProxyKind.Frontend))
        {
            bag.Error(location, ConfigMessages.BackendIsFrontendOnly(keyword, where, name));
            return;
        }

        bag.Error(location, ConfigMessages.UnknownBackend(keyword, where, name, Parsing.NearestMatch.Find(name, backendNames)));
    }
}
