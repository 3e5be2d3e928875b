using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// Builds each proxy's <see cref="StatsConfig"/> from its <c>stats</c> lines (inside <see cref="ConfigLoader"/>, after
/// the ACLs are compiled, so <c>stats admin</c> conditions can use them) and warns about <c>stats scope</c> names that
/// match no proxy. The global <c>stats socket</c> stays deferred.
/// </summary>
public static class StatsConfigCompiler
{
    public static ApplianceConfig Compile(ApplianceConfig config, DiagnosticBag bag)
    {
        var parser = new StatsConfigParser(bag);
        var names = new HashSet<string>(config.Proxies.Select(p => p.Name), StringComparer.Ordinal);
        var proxies = new List<ProxyConfig>(config.Proxies.Count);
        foreach (var proxy in config.Proxies)
        {
            var stats = parser.Parse(proxy);
            if (stats is not null)
            {
                foreach (var name in stats.Scopes.Where(n => !names.Contains(n)).Distinct(StringComparer.Ordinal))
                {
                    bag.Warning(stats.Location, ConfigMessages.StatsScopeUnknown(ConfigMessages.InSection(proxy.Kind, proxy.Name), name));
                }
            }

            proxies.Add(stats is null ? proxy : proxy with { Stats = stats });
        }

        return config with { Proxies = proxies };
    }
}
