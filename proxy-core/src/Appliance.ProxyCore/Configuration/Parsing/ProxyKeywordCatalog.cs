using static Appliance.ProxyCore.Configuration.Parsing.KeywordHandling;
using static Appliance.ProxyCore.Configuration.Parsing.SectionCapability;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Every keyword accepted in <c>defaults</c>, <c>frontend</c>, <c>backend</c> and <c>listen</c>: the sections that allow
/// it (after HAProxy 2.6's keyword matrix) and whether it is parsed now or deferred. Unknown keywords, "not allowed
/// here" errors and their hints all come from this one table.
/// </summary>
internal static class ProxyKeywordCatalog
{
    private static readonly ProxyKeyword[] Keywords =
    [
        // Parsed now.
        new("mode", All, Parsed),
        new("bind", Frontend | Listen, Parsed),
        new("default_backend", FrontendSide, Parsed),
        new("balance", BackendSide, Parsed),
        new("server", Backend | Listen, Parsed),
        new("default-server", BackendSide, Parsed),
        new("timeout", All, Parsed),
        new("retries", BackendSide, Parsed),
        new("option", All, Parsed),
        new("no", All, Parsed),
        new("http-check", BackendSide, Parsed),
        new("maxconn", FrontendSide, Parsed),
        new("log", All, Parsed),
        new("fullconn", BackendSide, Parsed),
        new("hash-type", BackendSide, Parsed),
        new("description", Proxies, Parsed),
        new("enabled", All, Parsed),
        new("disabled", All, Parsed),
        new("id", Proxies, Parsed),

        // Accepted now, applied by later stages.
        new("acl", Proxies, Deferred),
        new("use_backend", Frontend | Listen, Deferred),
        new("use-server", Backend | Listen, Deferred),
        new("http-request", Proxies, Deferred),
        new("http-response", Proxies, Deferred),
        new("http-after-response", Proxies, Deferred),
        new("http-error", All, Deferred),
        new("tcp-request", Proxies, Deferred),
        new("tcp-response", Backend | Listen, Deferred),
        new("redirect", Proxies, Deferred),
        new("cookie", BackendSide, Deferred),
        new("stats", All, Deferred),
        new("errorfile", All, Deferred),
        new("errorfiles", All, Deferred),
        new("errorloc", All, Deferred),
        new("errorloc302", All, Deferred),
        new("errorloc303", All, Deferred),
        new("capture", Frontend | Listen, Deferred),
        new("declare", Frontend | Listen, Deferred),
        new("compression", All, Deferred),
        new("stick-table", Proxies, Deferred),
        new("stick", Backend | Listen, Deferred),
        new("http-reuse", BackendSide, Deferred),
        new("http-send-name-header", BackendSide, Deferred),
        new("monitor-uri", FrontendSide, Deferred),
        new("monitor", Frontend | Listen, Deferred),
        new("unique-id-format", FrontendSide, Deferred),
        new("unique-id-header", FrontendSide, Deferred),
        new("log-format", All, Deferred),
        new("log-format-sd", All, Deferred),
        new("error-log-format", All, Deferred),
        new("log-tag", All, Deferred),
        new("tcp-check", BackendSide, Deferred),
        new("filter", Proxies, Deferred),
        new("email-alert", All, Deferred),
        new("persist", BackendSide, Deferred),
        new("force-persist", Proxies, Deferred),
        new("ignore-persist", Proxies, Deferred),
        new("rate-limit", FrontendSide, Deferred),
        new("server-template", Backend | Listen, Deferred),
        new("dispatch", Backend | Listen, Deferred),
        new("source", BackendSide, Deferred),
        new("external-check", BackendSide, Deferred),
        new("backlog", FrontendSide, Deferred),
        new("clitcpka-cnt", FrontendSide, Deferred),
        new("clitcpka-idle", FrontendSide, Deferred),
        new("clitcpka-intvl", FrontendSide, Deferred),
        new("srvtcpka-cnt", BackendSide, Deferred),
        new("srvtcpka-idle", BackendSide, Deferred),
        new("srvtcpka-intvl", BackendSide, Deferred),
        new("retry-on", BackendSide, Deferred),
        new("max-keep-alive-queue", BackendSide, Deferred),
        new("load-server-state-from-file", BackendSide, Deferred),
        new("server-state-file-name", BackendSide, Deferred),
        new("bind-process", All, Deferred),
    ];

    private static readonly Dictionary<string, ProxyKeyword> ByName = Keywords.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => ByName.Keys;

    public static ProxyKeyword? Find(string keyword) => ByName.GetValueOrDefault(keyword);

    /// <summary>The capability bit of one proxy section kind.</summary>
    public static SectionCapability CapabilityOf(ProxyKind? kind) => kind switch
    {
        null => Defaults,
        ProxyKind.Frontend => Frontend,
        ProxyKind.Backend => Backend,
        _ => Listen,
    };

    /// <summary>The sections in <paramref name="allowed"/> as words, e.g. <c>backend, listen</c>.</summary>
    public static string DescribeSections(SectionCapability allowed) =>
        string.Join(", ", new[] { (Defaults, "defaults"), (Frontend, "frontend"), (Backend, "backend"), (Listen, "listen") }
            .Where(x => allowed.HasFlag(x.Item1))
            .Select(x => x.Item2));
}
