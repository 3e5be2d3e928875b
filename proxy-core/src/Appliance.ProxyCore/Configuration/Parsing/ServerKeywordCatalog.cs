using static Appliance.ProxyCore.Configuration.Parsing.KeywordHandling;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Parameters of <c>server</c> and <c>default-server</c> (HAProxy 2.6). Deferred ones are kept verbatim, with their
/// value, in <see cref="ServerConfig.OtherOptions"/>; the arity tells which words are values, not keywords.
/// </summary>
internal static class ServerKeywordCatalog
{
    private static readonly ServerKeyword[] Keywords =
    [
        new("check", 0, Parsed), new("no-check", 0, Parsed), new("inter", 1, Parsed), new("fastinter", 1, Parsed),
        new("downinter", 1, Parsed), new("rise", 1, Parsed), new("fall", 1, Parsed), new("port", 1, Parsed),
        new("addr", 1, Parsed), new("weight", 1, Parsed), new("maxconn", 1, Parsed), new("backup", 0, Parsed),
        new("no-backup", 0, Parsed), new("disabled", 0, Parsed), new("enabled", 0, Parsed), new("cookie", 1, Parsed),
        new("agent-check", 0, Parsed), new("no-agent-check", 0, Parsed), new("agent-port", 1, Parsed),
        new("agent-inter", 1, Parsed), new("agent-addr", 1, Parsed), new("agent-send", 1, Parsed),

        new("ssl", 0, Deferred), new("no-ssl", 0, Deferred), new("verify", 1, Deferred), new("verifyhost", 1, Deferred),
        new("no-verifyhost", 0, Deferred), new("sni", 1, Deferred), new("check-ssl", 0, Deferred),
        new("no-check-ssl", 0, Deferred), new("check-sni", 1, Deferred), new("check-alpn", 1, Deferred),
        new("check-proto", 1, Deferred), new("check-send-proxy", 0, Deferred), new("check-via-socks4", 0, Deferred),
        new("send-proxy", 0, Deferred), new("no-send-proxy", 0, Deferred), new("send-proxy-v2", 0, Deferred),
        new("no-send-proxy-v2", 0, Deferred), new("send-proxy-v2-ssl", 0, Deferred), new("send-proxy-v2-ssl-cn", 0, Deferred),
        new("proxy-v2-options", 1, Deferred), new("resolvers", 1, Deferred), new("resolve-prefer", 1, Deferred),
        new("resolve-net", 1, Deferred), new("resolve-opts", 1, Deferred), new("init-addr", 1, Deferred),
        new("slowstart", 1, Deferred), new("on-marked-down", 1, Deferred), new("on-marked-up", 1, Deferred),
        new("on-error", 1, Deferred), new("observe", 1, Deferred), new("error-limit", 1, Deferred), new("track", 1, Deferred),
        new("id", 1, Deferred), new("minconn", 1, Deferred), new("maxqueue", 1, Parsed), new("max-reuse", 1, Deferred),
        new("ca-file", 1, Deferred), new("crl-file", 1, Deferred), new("crt", 1, Deferred), new("alpn", 1, Deferred),
        new("npn", 1, Deferred), new("proto", 1, Deferred), new("pool-max-conn", 1, Parsed),
        new("pool-purge-delay", 1, Deferred), new("pool-low-conn", 1, Deferred), new("tfo", 0, Deferred),
        new("no-tfo", 0, Deferred), new("ws", 1, Deferred), new("ciphers", 1, Deferred), new("ciphersuites", 1, Deferred),
        new("curves", 1, Deferred), new("sigalgs", 1, Deferred), new("client-sigalgs", 1, Deferred),
        new("ssl-min-ver", 1, Deferred), new("ssl-max-ver", 1, Deferred), new("ssl-reuse", 0, Deferred),
        new("no-ssl-reuse", 0, Deferred), new("tls-tickets", 0, Deferred), new("no-tls-tickets", 0, Deferred),
        new("no-sslv3", 0, Deferred), new("no-tlsv10", 0, Deferred), new("no-tlsv11", 0, Deferred),
        new("no-tlsv12", 0, Deferred), new("no-tlsv13", 0, Deferred), new("force-sslv3", 0, Deferred),
        new("force-tlsv10", 0, Deferred), new("force-tlsv11", 0, Deferred), new("force-tlsv12", 0, Deferred),
        new("force-tlsv13", 0, Deferred), new("allow-0rtt", 0, Deferred), new("socks4", 1, Deferred),
        new("namespace", 1, Deferred), new("redir", 1, Deferred), new("source", 1, Deferred), new("usesrc", 1, Deferred),
        new("interface", 1, Deferred), new("stick", 0, Deferred), new("non-stick", 0, Deferred),
        new("log-proto", 1, Deferred), new("tcp-ut", 1, Deferred),
    ];

    private static readonly Dictionary<string, ServerKeyword> ByName = Keywords.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => ByName.Keys;

    public static ServerKeyword? Find(string name) => ByName.GetValueOrDefault(name);
}
