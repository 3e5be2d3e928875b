using static Appliance.ProxyCore.Configuration.Parsing.BindOptionKind;

namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// The options a <c>bind</c> line may carry after its address (HAProxy 2.6, section 5.1, plus the QUIC ones of QUIC
/// builds). The arity tells which words are values, so a value is never mistaken for an option.
/// </summary>
internal static class BindOptionCatalog
{
    private const string NoDynamicCertificates = "certificates are not generated on the fly; list them with 'crt'";

    private static readonly BindOption[] Options =
    [
        new("ssl", 0, Interpreted), new("crt", 1, Interpreted), new("alpn", 1, Interpreted), new("ssl-min-ver", 1, Interpreted), new("ssl-max-ver", 1, Interpreted),
        new("no-sslv3", 0, Interpreted), new("no-tlsv10", 0, Interpreted), new("no-tlsv11", 0, Interpreted), new("no-tlsv12", 0, Interpreted),
        new("no-tlsv13", 0, Interpreted), new("force-sslv3", 0, Interpreted), new("force-tlsv10", 0, Interpreted), new("force-tlsv11", 0, Interpreted),
        new("force-tlsv12", 0, Interpreted), new("force-tlsv13", 0, Interpreted), new("ciphers", 1, Interpreted), new("ciphersuites", 1, Interpreted),
        new("strict-sni", 0, Interpreted), new("no-tls-tickets", 0, Interpreted), new("verify", 1, Interpreted), new("ca-file", 1, Interpreted),

        new("crt-list", 1, Unsupported, "use 'crt FILE' or 'crt DIRECTORY' (one certificate per file; names come from the certificates)"),
        new("generate-certificates", 0, Unsupported, NoDynamicCertificates),
        new("ca-sign-file", 1, Unsupported, NoDynamicCertificates),
        new("ca-sign-pass", 1, Unsupported, NoDynamicCertificates),
        new("crl-file", 1, Unsupported, "client certificates are not checked against a CRL; remove it or use 'verify none'"),
        new("ca-verify-file", 1, Unsupported, "put every CA that may sign client certificates in 'ca-file'"),

        // Accepted without effect: OpenSSL knobs .NET does not expose (curves, sigalgs, ticket keys, 0-RTT, NPN), the
        // stats socket's rights (level, mode, uid, ...) and socket tuning the listener sets itself or leaves to the kernel.
        new("curves", 1, Ignored), new("ecdhe", 1, Ignored), new("sigalgs", 1, Ignored), new("client-sigalgs", 1, Ignored),
        new("npn", 1, Ignored), new("allow-0rtt", 0, Ignored), new("prefer-client-ciphers", 0, Ignored),
        new("no-ca-names", 0, Ignored), new("ca-ignore-err", 1, Ignored), new("crt-ignore-err", 1, Ignored),
        new("tls-ticket-keys", 1, Ignored), new("accept-proxy", 0, Ignored), new("accept-netscaler-cip", 1, Ignored),
        new("transparent", 0, Ignored), new("defer-accept", 0, Ignored), new("v4v6", 0, Ignored), new("v6only", 0, Ignored),
        new("name", 1, Ignored), new("id", 1, Ignored), new("process", 1, Ignored), new("thread", 1, Ignored),
        new("shards", 1, Ignored), new("maxconn", 1, Ignored), new("backlog", 1, Ignored), new("tfo", 0, Ignored),
        new("interface", 1, Ignored), new("mss", 1, Ignored), new("namespace", 1, Ignored), new("nice", 1, Ignored),
        new("tcp-ut", 1, Ignored), new("proto", 1, Ignored), new("level", 1, Ignored), new("severity-output", 1, Ignored),
        new("expose-fd", 1, Ignored), new("mode", 1, Ignored), new("uid", 1, Ignored), new("gid", 1, Ignored),
        new("user", 1, Ignored), new("group", 1, Ignored), new("quic-cc-algo", 1, Ignored), new("quic-force-retry", 0, Ignored),
    ];

    private static readonly Dictionary<string, BindOption> ByName = Options.ToDictionary(o => o.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => ByName.Keys;

    public static BindOption? Find(string name) => ByName.GetValueOrDefault(name);
}
