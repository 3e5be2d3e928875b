using Appliance.Contracts.Replication;
using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Configuration.Parsing;

namespace Appliance.ProxyCore.StickTables;

/// <summary>
/// Parses a proxy's <c>stick on|match|store-request|store-response PATTERN [table NAME] [{if|unless} COND]</c> lines.
/// ACLs are replayed in file order so a condition sees the ACLs declared above it (their own errors were reported
/// by the HTTP rule compiler already).
/// </summary>
internal static class StickRuleParser
{
    public static IReadOnlyList<StickRuleConfig> Parse(ProxyConfig proxy, IReadOnlyDictionary<string, StickTableConfig> tables, DiagnosticBag bag)
    {
        var declarations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var line in proxy.DeferredLines.Where(l => l.Keyword == "acl" && l.Arguments.Count > 0))
        {
            declarations.TryAdd(line.Arguments[0], line.Location);
        }

        var scope = new AclScope(declarations);
        var replay = new AclParser(new DiagnosticBag());
        var conditions = new ConditionParser(bag);
        var rules = new List<StickRuleConfig>();
        var where = ConfigMessages.InSection(proxy.Kind, proxy.Name);
        foreach (var line in proxy.DeferredLines)
        {
            if (line.Keyword == "acl" && line.Arguments.Count > 1)
            {
                if (replay.Parse([.. line.Arguments.Skip(1)], line.Arguments[0], line.Location) is { } expression)
                {
                    scope.Declare(line.Arguments[0], expression);
                }
            }
            else if (line.Keyword == "stick" && ParseRule(line, proxy, where, tables, scope, conditions, bag) is { } rule)
            {
                rules.Add(rule);
            }
        }

        return rules;
    }

    private static StickRuleConfig? ParseRule(
        ConfigLine line, ProxyConfig proxy, string where, IReadOnlyDictionary<string, StickTableConfig> tables, AclScope scope,
        ConditionParser conditions, DiagnosticBag bag)
    {
        var words = line.Arguments;
        StickRuleKind? kind = words.Count == 0 ? null : words[0] switch
        {
            "on" => StickRuleKind.On,
            "match" => StickRuleKind.Match,
            "store-request" => StickRuleKind.StoreRequest,
            "store-response" => StickRuleKind.StoreResponse,
            _ => null,
        };
        if (kind is null)
        {
            bag.Error(line.Location, ConfigMessages.StickExpectsRule(where, words.Count == 0 ? "nothing" : words[0]));
            return null;
        }

        var subject = ConfigMessages.StickSubject(words[0], where);
        if (words.Count < 2 || words[1] is "if" or "unless" or "table")
        {
            bag.Error(line.Location, ConfigMessages.StickMissingPattern(where, words[0]));
            return null;
        }

        var pattern = SampleExpressionParser.Parse(Unalias(words[1]), subject, allowShorthand: false, out _, out var error);
        if (pattern is null)
        {
            bag.Error(line.Location, error!);
            return null;
        }

        var tableName = proxy.Name;
        Condition? condition = null;
        for (var i = 2; i < words.Count; i++)
        {
            if (words[i] == "table")
            {
                if (i + 1 >= words.Count)
                {
                    bag.Error(line.Location, ConfigMessages.StickMissingTable(subject));
                    return null;
                }

                tableName = words[++i];
            }
            else if (words[i] is "if" or "unless")
            {
                condition = conditions.Parse(words, i, subject, line.Location, scope);
                if (condition is null)
                {
                    return null;
                }

                break;
            }
            else
            {
                bag.Error(line.Location, ConfigMessages.StickUnknownWord(subject, words[i]));
                return null;
            }
        }

        if (!tables.TryGetValue(tableName, out var table))
        {
            bag.Error(line.Location, ConfigMessages.StickUnknownTable(subject, tableName, NearestMatch.Find(tableName, tables.Keys)));
            return null;
        }

        return Check(kind.Value, pattern, table, proxy, subject, line.Location, bag)
            ? new StickRuleConfig(kind.Value, pattern, tableName, condition, line.Location)
            : null;
    }

    /// <summary>HAProxy's deprecated aliases: <c>cookie(NAME)</c> is <c>req.cook(NAME)</c>, <c>set-cookie(NAME)</c> is <c>res.cook(NAME)</c>.</summary>
    private static string Unalias(string pattern) =>
        pattern.StartsWith("cookie(", StringComparison.Ordinal) ? "req.cook" + pattern[6..]
        : pattern.StartsWith("set-cookie(", StringComparison.Ordinal) ? "res.cook" + pattern[10..]
        : pattern;

    private static bool Check(StickRuleKind kind, SampleExpression pattern, StickTableConfig table, ProxyConfig proxy, string subject, SourceLocation location, DiagnosticBag bag)
    {
        var fetch = pattern.Fetch;
        var reads = SideOf(fetch);
        string? problem = null;
        if (proxy.Mode != ProxyMode.Http && reads != FetchSide.Connection)
        {
            problem = ConfigMessages.StickNeedsHttp(subject, fetch.Name);
        }
        else if (kind != StickRuleKind.StoreResponse && reads == FetchSide.Response)
        {
            problem = ConfigMessages.StickResponseFetchInRequest(subject, fetch.Name);
        }
        else if (kind == StickRuleKind.StoreResponse && reads == FetchSide.Request)
        {
            problem = ConfigMessages.StickRequestFetchInResponse(subject, fetch.Name);
        }
        else if (!Holds(table.KeyType, pattern.Type))
        {
            problem = ConfigMessages.StickTypeMismatch(subject, pattern.ToString(), table.Name, TypeWord(table.KeyType), TypeWord(pattern.Type));
        }

        if (problem is not null)
        {
            bag.Error(location, problem);
        }

        return problem is null;
    }

    /// <summary>What part of a session <paramref name="fetch"/> reads.</summary>
    internal static FetchSide SideOf(SampleFetch fetch) => fetch switch
    {
        ConnectionFetch or ConstantFetch => FetchSide.Connection,
        CookieFetch { Response: true } or HeaderFetch { Response: true } or StatusFetch => FetchSide.Response,
        _ => FetchSide.Request,
    };

    /// <summary>Which values a table can hold; a string is converted at run time (HAProxy's cast) and skipped when it does not parse.</summary>
    private static bool Holds(StickKeyType table, SampleType sample) => table switch
    {
        StickKeyType.Ipv4 or StickKeyType.Ipv6 => sample is SampleType.Address or SampleType.String,
        StickKeyType.Number => sample is SampleType.Integer or SampleType.Boolean or SampleType.String,
        _ => true,
    };

    private static string TypeWord(StickKeyType type) => type switch
    {
        StickKeyType.Ipv4 => "ip",
        StickKeyType.Ipv6 => "ipv6",
        StickKeyType.Number => "integer",
        _ => "string",
    };

    private static string TypeWord(SampleType type) => type switch
    {
        SampleType.Address => "an address",
        SampleType.Integer => "an integer",
        SampleType.Boolean => "a boolean",
        _ => "a string",
    };
}
