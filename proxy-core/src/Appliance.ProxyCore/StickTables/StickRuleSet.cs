using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.StickTables;

/// <summary>
/// A backend's <c>stick</c> rules bound to their tables and servers. HAProxy's order: <see cref="Match"/> before
/// balancing (the first matching rule whose entry names an available server wins; a draining server still takes its
/// persistent clients), <see cref="StoreRequest"/> once the server is known, <see cref="StoreResponse"/> when the
/// response arrives. Each table is stored at most once per call (the first applicable rule). Thread-safe; allocates
/// nothing unless an entry is created.
/// </summary>
public sealed class StickRuleSet
{
    private readonly StickRule[] _match;
    private readonly StickRule[] _storeRequest;
    private readonly StickRule[] _storeResponse;
    private readonly Dictionary<string, ServerModel> _servers = new(StringComparer.Ordinal);
    private readonly BackendModel _backend;

    /// <summary>Binds the rules of <paramref name="backend"/>; null when it has none.</summary>
    public static StickRuleSet? Create(BackendModel backend, IReadOnlyDictionary<string, StickTable> tables)
    {
        var rules = backend.Config.StickRules
            .Where(r => tables.ContainsKey(r.Table))
            .Select(r => new StickRule(r, tables[r.Table]))
            .ToList();
        return rules.Count == 0 ? null : new StickRuleSet(rules, backend);
    }

    private StickRuleSet(List<StickRule> rules, BackendModel backend)
    {
        _backend = backend;
        var tableIndex = new Dictionary<StickTable, int>();
        foreach (var rule in rules)
        {
            rule.TableBit = 1UL << Math.Min(63, tableIndex.TryGetValue(rule.Table, out var index) ? index : tableIndex[rule.Table] = tableIndex.Count);
        }

        ReadsMessages = rules.Exists(r => r.Config.Condition is not null || StickRuleParser.SideOf(r.Config.Pattern.Fetch) != FetchSide.Connection);
        _match = [.. rules.Where(r => r.Config.Matches)];
        _storeRequest = [.. rules.Where(r => r.Config.StoresRequest)];
        _storeResponse = [.. rules.Where(r => r.Config.Kind == StickRuleKind.StoreResponse)];
        foreach (var server in backend.Servers)
        {
            _servers.TryAdd(server.Name, server);
        }
    }

    public bool HasResponseRules => _storeResponse.Length > 0;

    /// <summary>
    /// True when a pattern or a condition may read the HTTP messages; false when every rule reads only the connection
    /// (e.g. <c>stick on src</c>), so the forwarder need not materialise the request for them.
    /// </summary>
    public bool ReadsMessages { get; }

    /// <summary>The server a <c>stick match</c>/<c>stick on</c> entry names, when it takes persistent clients; null to balance.</summary>
    public ServerModel? Match(in SampleContext context)
    {
        Span<char> scratch = stackalloc char[StickKeys.ScratchLength];
        foreach (var rule in _match)
        {
            if (rule.Match(context, scratch) is { } name
                && _servers.TryGetValue(name, out var server)
                && _backend.TakesPersistentClient(server))
            {
                return server;
            }
        }

        return null;
    }

    /// <summary>Runs <c>stick on</c> and <c>stick store-request</c> for the server the request went to.</summary>
    public void StoreRequest(in SampleContext context, ServerModel server) => Store(_storeRequest, context, server);

    /// <summary>Runs <c>stick store-response</c> for the server that answered; the context must carry the response.</summary>
    public void StoreResponse(in SampleContext context, ServerModel server) => Store(_storeResponse, context, server);

    private static void Store(StickRule[] rules, in SampleContext context, ServerModel server)
    {
        Span<char> scratch = stackalloc char[StickKeys.ScratchLength];
        var stored = 0UL;
        foreach (var rule in rules)
        {
            if ((stored & rule.TableBit) == 0 && rule.Store(context, scratch, server.Name))
            {
                stored |= rule.TableBit;
            }
        }
    }
}
