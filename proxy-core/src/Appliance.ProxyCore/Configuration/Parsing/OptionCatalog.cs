namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// HAProxy 2.6's <c>option</c> names. Any of them is stored in <see cref="ProxyConfig.Options"/>; later stages decide
/// what each one does. <see cref="HttpOnly"/> lists the ones that have no effect in TCP mode.
/// </summary>
internal static class OptionCatalog
{
    public static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "abortonclose", "accept-invalid-http-request", "accept-invalid-http-response", "allbackups", "checkcache",
        "clitcpka", "contstats", "disable-h2-upgrade", "dontlog-normal", "dontlognull", "external-check", "forwardfor",
        "h1-case-adjust-bogus-client", "h1-case-adjust-bogus-server", "http-buffer-request", "http-ignore-probes",
        "http-keep-alive", "http-no-delay", "http-pretend-keepalive", "http-restrict-req-hdr-names", "http-server-close",
        "http-use-proxy-header", "httpchk", "httpclose", "httplog", "httpslog", "independent-streams", "ldap-check",
        "log-health-checks", "log-separate-errors", "logasap", "mysql-check", "nolinger", "originalto", "persist",
        "pgsql-check", "prefer-last-server", "redis-check", "redispatch", "smtpchk", "socket-stats", "splice-auto",
        "splice-request", "splice-response", "spop-check", "srvtcpka", "ssl-hello-chk", "tcp-check", "tcp-smart-accept",
        "tcp-smart-connect", "tcpka", "tcplog", "transparent",
    };

    /// <summary>Options that only act on HTTP traffic; HAProxy ignores them (with a warning) in TCP mode.</summary>
    public static readonly string[] HttpOnly =
    [
        "forwardfor", "originalto", "http-server-close", "httpclose", "http-keep-alive", "http-buffer-request",
        "http-pretend-keepalive", "http-no-delay", "http-use-proxy-header", "http-ignore-probes", "checkcache",
        "accept-invalid-http-request", "accept-invalid-http-response",
    ];
}
