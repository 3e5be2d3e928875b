namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Directives removed from HAProxy, each with the version that removed it (from HAProxy's own error messages) and the
/// replacement. Looked up before the keyword tables so that an old configuration gets advice, not "unknown keyword".
/// </summary>
internal static class RemovedDirectives
{
    private static readonly RemovedDirective[] All =
    [
        new("reqadd", "2.1", "use 'http-request add-header'"),
        new("reqdel", "2.1", "use 'http-request del-header'"),
        new("reqidel", "2.1", "use 'http-request del-header'"),
        new("reqrep", "2.1", "use 'http-request replace-header', 'http-request replace-uri' or 'http-request replace-path'"),
        new("reqirep", "2.1", "use 'http-request replace-header', 'http-request replace-uri' or 'http-request replace-path'"),
        new("reqallow", "2.1", "use 'http-request allow'"),
        new("reqiallow", "2.1", "use 'http-request allow'"),
        new("reqdeny", "2.1", "use 'http-request deny'"),
        new("reqideny", "2.1", "use 'http-request deny'"),
        new("reqtarpit", "2.1", "use 'http-request tarpit'"),
        new("reqitarpit", "2.1", "use 'http-request tarpit'"),
        new("reqpass", "2.1", "remove it; 'http-request' rules need no pass-through"),
        new("reqipass", "2.1", "remove it; 'http-request' rules need no pass-through"),
        new("reqsetbe", "2.1", "use 'use_backend NAME if CONDITION'"),
        new("reqisetbe", "2.1", "use 'use_backend NAME if CONDITION'"),
        new("rspadd", "2.1", "use 'http-response add-header'"),
        new("rspdel", "2.1", "use 'http-response del-header'"),
        new("rspidel", "2.1", "use 'http-response del-header'"),
        new("rsprep", "2.1", "use 'http-response replace-header' or 'http-response replace-value'"),
        new("rspirep", "2.1", "use 'http-response replace-header' or 'http-response replace-value'"),
        new("rspdeny", "2.1", "use 'http-response deny'"),
        new("rspideny", "2.1", "use 'http-response deny'"),
        new("block", "2.1", "use 'http-request deny', which takes the same condition"),
        new("clitimeout", "2.1", "use 'timeout client'"),
        new("srvtimeout", "2.1", "use 'timeout server'"),
        new("contimeout", "2.1", "use 'timeout connect'"),
        new("redispatch", "2.1", "use 'option redispatch'"),
        new("option forceclose", "2.0", "remove it, or use 'option httpclose' if really needed"),
        new("option http-tunnel", "2.1", "remove it; it is no longer needed"),
        new("option http_proxy", "2.5", "use 'http-request set-dst' and 'http-request set-uri'"),
        new("monitor-net", "2.4", "use 'http-request return status 200 if { src NETWORK }'"),
        new("mode health", "2.4", "use 'http-request return status 200' in an HTTP frontend, or 'monitor-uri'"),
        new("grace", "2.5", "remove it; use 'hard-stop-after' in the global section to bound a soft stop"),
        new("nbproc", "2.5", "remove it; threads are used on multi-processor machines ('nbthread' sets their number)"),
    ];

    private static readonly Dictionary<string, RemovedDirective> ByDirective = All.ToDictionary(d => d.Directive, StringComparer.Ordinal);

    /// <summary>Finds a removed directive for a line, by its keyword or by its keyword and first argument.</summary>
    public static RemovedDirective? Find(string keyword, IReadOnlyList<string> arguments)
    {
        if (ByDirective.TryGetValue(keyword, out var removed))
        {
            return removed;
        }

        return arguments.Count > 0 && ByDirective.TryGetValue($"{keyword} {arguments[0]}", out removed) ? removed : null;
    }
}
