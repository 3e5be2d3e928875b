using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Configuration.Parsing;

namespace Appliance.ProxyCore.StickTables;

/// <summary>
/// Compiles each proxy's deferred <c>stick-table</c> line into <see cref="ProxyConfig.StickTable"/> and its <c>stick</c>
/// lines into <see cref="ProxyConfig.StickRules"/>, checking what HAProxy 2.6 checks (a declared table and peers
/// section, a pattern the table's type can hold, request fetches in request rules and response fetches in
/// <c>store-response</c>, ACLs declared above the rule). Runs inside <see cref="ConfigLoader"/> after the HTTP rules.
/// </summary>
public static class StickConfigCompiler
{
    public static ApplianceConfig Compile(ApplianceConfig config, DiagnosticBag bag)
    {
        var peers = config.Peers.Select(p => p.Name).ToList();
        var tables = new Dictionary<string, StickTableConfig>(StringComparer.Ordinal);
        var proxies = new List<ProxyConfig>(config.Proxies.Count);
        foreach (var proxy in config.Proxies)
        {
            var table = ParseTable(proxy, peers, bag);
            if (table is not null && !tables.TryAdd(table.Name, table))
            {
                // A frontend and a backend may share a name, but not a table name (HAProxy refuses it too).
                bag.Error(table.Location, ConfigMessages.StickTableNameConflict(ConfigMessages.InSection(proxy.Kind, proxy.Name), tables[table.Name].Location));
                table = null;
            }

            proxies.Add(proxy with { StickTable = table });
        }

        for (var i = 0; i < proxies.Count; i++)
        {
            if (proxies[i].DeferredLines.Any(l => l.Keyword == "stick"))
            {
                proxies[i] = proxies[i] with { StickRules = StickRuleParser.Parse(proxies[i], tables, bag) };
            }
        }

        return config with { Proxies = proxies };
    }

    private static StickTableConfig? ParseTable(ProxyConfig proxy, IReadOnlyList<string> peers, DiagnosticBag bag)
    {
        var where = ConfigMessages.InSection(proxy.Kind, proxy.Name);
        StickTableConfig? table = null;
        SourceLocation? first = null;
        foreach (var line in proxy.DeferredLines.Where(l => l.Keyword == "stick-table"))
        {
            if (first is { } location)
            {
                bag.Error(line.Location, ConfigMessages.StickTableDuplicate(where, location));
                continue;
            }

            first = line.Location;
            table = StickTableLineParser.Parse(line, proxy.Name, where, bag);
            if (table?.Peers is { } name && !peers.Contains(name))
            {
                bag.Error(line.Location, ConfigMessages.StickTableUnknownPeers(where, name, NearestMatch.Find(name, peers)));
                table = null;
            }
        }

        return table;
    }
}
