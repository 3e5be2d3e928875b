namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Keywords of the <c>global</c> section: the few parsed now (<c>maxconn</c>, <c>maxpipes</c>, <c>nosplice</c>, <c>log</c>, <c>user</c>/<c>uid</c>, <c>group</c>/<c>gid</c>,
/// <c>hard-stop-after</c>, <c>close-spread-time</c>)
/// and the process settings accepted and kept in <see cref="GlobalConfig.DeferredLines"/>.
/// </summary>
internal static class GlobalKeywordCatalog
{
    public static readonly HashSet<string> Parsed = new(StringComparer.Ordinal) { "maxconn", "maxpipes", "nosplice", "log", "user", "uid", "group", "gid", "hard-stop-after", "close-spread-time" };

    public static readonly HashSet<string> Deferred = new(StringComparer.Ordinal)
    {
        "daemon", "nbthread", "chroot", "pidfile", "stats", "ca-base", "crt-base", "spread-checks", "log-send-hostname",
        "log-tag", "node", "description", "master-worker", "ulimit-n", "setenv",
        "presetenv", "unsetenv", "resetenv", "lua-load", "lua-prepend-path", "server-state-file", "server-state-base",
        "localpeer", "cpu-map", "thread-groups", "maxconnrate", "maxsessrate", "maxsslconn", "maxsslrate",
        "maxcomprate", "maxcompcpuusage", "noepoll", "nopoll", "quiet", "zero-warning", "debug",
        "busy-polling", "set-dumpable", "strict-limits", "external-check", "insecure-fork-wanted",
        "insecure-setuid-wanted", "expose-experimental-directives", "h1-case-adjust", "h1-case-adjust-file",
        "ssl-server-verify", "ssl-engine", "ssl-mode-async", "ssl-dh-param-file", "ssl-load-extra-files",
        "ssl-load-extra-del-ext", "ssl-skip-self-issued-ca", "issuers-chain-path", "unix-bind", "numa-cpu-mapping",
        "pp2-never-send-local", "grace", "max-spread-checks", "mworker-max-reloads", "log-format",
        "fd-hard-limit", "cluster-secret",
    };

    /// <summary>Families of keywords accepted by prefix (<c>tune.bufsize</c>, <c>ssl-default-bind-ciphers</c>, ...).</summary>
    public static readonly string[] DeferredPrefixes = ["tune.", "ssl-default-bind-", "ssl-default-server-", "profiling.", "wurfl-", "51degrees-", "deviceatlas-"];

    public static bool IsDeferred(string keyword) =>
        Deferred.Contains(keyword) || Array.Exists(DeferredPrefixes, p => keyword.StartsWith(p, StringComparison.Ordinal));

    public static IEnumerable<string> Names => Parsed.Concat(Deferred);
}
