using Appliance.ProxyCore.Acl;
using Appliance.ProxyCore.Configuration;
using Appliance.ProxyCore.Configuration.Parsing;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// Reads the <c>stats</c> lines of one proxy, in order, into a <see cref="StatsConfig"/>. Every problem is reported
/// with its line; a bad line is skipped and the rest still apply. <c>stats admin</c> conditions are compiled with the
/// ACLs declared above the line.
/// </summary>
internal sealed class StatsConfigParser
{
    public static readonly string[] Parameters =
        ["admin", "auth", "enable", "hide-version", "realm", "refresh", "scope", "show-desc", "show-legends", "show-node", "uri"];

    private readonly DiagnosticBag _bag;
    private readonly ConditionParser _conditions;

    public StatsConfigParser(DiagnosticBag bag)
    {
        _bag = bag;
        _conditions = new ConditionParser(bag);
    }

    /// <summary>The settings of <paramref name="proxy"/>; null when it has no <c>stats</c> line.</summary>
    public StatsConfig? Parse(ProxyConfig proxy)
    {
        var declarations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var line in proxy.DeferredLines.Where(l => l.Keyword == "acl" && l.Arguments.Count > 0))
        {
            declarations.TryAdd(line.Arguments[0], line.Location);
        }

        var scope = new AclScope(declarations);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        StatsConfig? stats = null;
        var credentials = new List<StatsCredential>();
        var scopes = new List<string>();
        foreach (var line in proxy.DeferredLines)
        {
            if (line.Keyword == "acl" && line.Arguments.Count > 0 && declared.Add(line.Arguments[0])
                && proxy.HttpRules.Acls.TryGetValue(line.Arguments[0], out var acl))
            {
                foreach (var expression in acl.Expressions)
                {
                    scope.Declare(acl.Name, expression);
                }
            }

            if (line.Keyword != "stats")
            {
                continue;
            }

            var where = Configuration.Validation.BackendReferenceValidator.Where(proxy, line.Location);
            var next = ParseLine(line, stats ?? new StatsConfig { Location = line.Location }, where, proxy.Name, scope, credentials, scopes);
            if (next is not null)
            {
                stats = next;
            }
        }

        return stats is null ? null : stats with { Credentials = credentials, Scopes = scopes };
    }

    private StatsConfig? ParseLine(
        ConfigLine line, StatsConfig stats, string where, string proxyName, AclScope scope, List<StatsCredential> credentials, List<string> scopes)
    {
        var args = line.Arguments;
        if (args.Count == 0)
        {
            return Error(line, ConfigMessages.StatsMissingParameter(where, Parameters));
        }

        var parameter = args[0];
        var value = args.Count > 1 ? args[1] : null;
        switch (parameter)
        {
            case "enable":
                return NoArguments(line, stats, where);
            case "hide-version":
                return NoArguments(line, stats with { HideVersion = true }, where);
            case "show-legends":
                return NoArguments(line, stats with { ShowLegends = true }, where);
            case "show-node":
                return stats with { ShowNode = true, NodeName = value ?? stats.NodeName };
            case "show-desc":
                return stats with { ShowDescription = true, Description = args.Count > 1 ? string.Join(' ', args.Skip(1)) : stats.Description };
            case "uri" when value is null:
                return Error(line, ConfigMessages.StatsExpects("uri", where, "a URI prefix such as '/stats'"));
            case "uri" when !value.StartsWith('/'):
                return Error(line, ConfigMessages.StatsBadUri(where, value));
            case "uri":
                return stats with { Uri = value };
            case "realm" when value is null:
                return Error(line, ConfigMessages.StatsExpects("realm", where, "a realm name (escape spaces: 'HAProxy\\ Statistics')"));
            case "realm":
                return stats with { Realm = value };
            case "auth" when value is null:
                return Error(line, ConfigMessages.StatsExpects("auth", where, "USER:PASSWORD"));
            case "auth":
                var colon = value.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    return Error(line, ConfigMessages.StatsBadAuth(where, value));
                }

                credentials.Add(new StatsCredential(value[..colon], value[(colon + 1)..]));
                return stats;
            case "refresh" when value is null:
                return Error(line, ConfigMessages.StatsExpects("refresh", where, "a delay such as '10s'"));
            case "refresh":
                if (TimeParser.TryParse(value, out var refresh) != TimeParseStatus.Ok || refresh <= TimeSpan.Zero)
                {
                    return Error(line, ConfigMessages.StatsBadRefresh(where, value));
                }

                return stats with { Refresh = refresh };
            case "scope" when value is null:
                return Error(line, ConfigMessages.StatsExpects("scope", where, "a proxy name, or '.' for this one"));
            case "scope":
                scopes.Add(value == "." ? proxyName : value);
                return stats;
            case "admin":
                if (value is not ("if" or "unless"))
                {
                    return Error(line, ConfigMessages.StatsAdminWithoutCondition(where, value));
                }

                var condition = _conditions.Parse(args, 1, $"'stats admin' {where}", line.Location, scope);
                return condition is null ? null : stats with { Admin = condition };
            case "socket":
                return Error(line, ConfigMessages.StatsSocketInProxy(where));
            case "http-request":
                return Error(line, ConfigMessages.StatsUnsupported(
                    "http-request", where, "use 'stats auth' for accounts and 'stats admin if COND' for the admin level"));
            default:
                return Error(line, ConfigMessages.StatsUnknownParameter(where, parameter, Parameters, NearestMatch.Find(parameter, Parameters)));
        }
    }

    private StatsConfig NoArguments(ConfigLine line, StatsConfig stats, string where)
    {
        if (line.Arguments.Count > 1)
        {
            // HAProxy ignores them silently; a warning points at what is probably a mistake.
            _bag.Warning(line.Location, ConfigMessages.StatsExtraArguments(line.Arguments[0], where, line.Arguments[1]));
        }

        return stats;
    }

    private StatsConfig? Error(ConfigLine line, string message)
    {
        _bag.Error(line.Location, message);
        return null;
    }
}
