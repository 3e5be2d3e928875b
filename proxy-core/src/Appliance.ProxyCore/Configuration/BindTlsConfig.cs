namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// TLS termination of one <c>bind</c> line (<c>ssl crt ...</c>), after <c>ssl-default-bind-*</c>, <c>crt-base</c> and
/// <c>ca-base</c> were applied. Present on <see cref="BindConfig.Tls"/> only when the bind has <c>ssl</c>.
/// </summary>
public sealed record BindTlsConfig
{
    /// <summary>TLS 1.2 and 1.3: HAProxy 2.6's default minimum is TLSv1.2, and TLS 1.0/1.1 are deprecated (RFC 8996).</summary>
    public static readonly IReadOnlyList<TlsVersion> DefaultVersions = [TlsVersion.Tls12, TlsVersion.Tls13];

    /// <summary>
    /// The <c>crt</c> paths in bind-line order, made absolute with <c>crt-base</c> when relative; each is a PEM file or a
    /// directory of PEM files. The first certificate loaded is the default one (no SNI, or no name matches).
    /// </summary>
    public IReadOnlyList<string> Certificates { get; init; } = [];

    /// <summary>The versions offered, ascending; never empty. Default <see cref="DefaultVersions"/>.</summary>
    public IReadOnlyList<TlsVersion> Versions { get; init; } = DefaultVersions;

    /// <summary>
    /// ALPN protocol names offered, in preference order (<c>alpn h2,http/1.1</c>). Without <c>alpn</c>: <c>http/1.1</c>
    /// in an HTTP-mode proxy, nothing (no ALPN) in a TCP-mode one.
    /// </summary>
    public IReadOnlyList<string> Alpn { get; init; } = [];

    /// <summary>The TLS 1.2 cipher list (<c>ciphers</c>, else <c>ssl-default-bind-ciphers</c>); null = the platform's defaults.</summary>
    public string? Ciphers { get; init; }

    /// <summary>The TLS 1.3 suites (<c>ciphersuites</c>, else <c>ssl-default-bind-ciphersuites</c>); null = the platform's defaults.</summary>
    public string? CipherSuites { get; init; }

    /// <summary><c>strict-sni</c>: refuse a handshake whose server name matches no certificate. Default false (use the first).</summary>
    public bool StrictSni { get; init; }

    /// <summary><c>no-tls-tickets</c> (here or in ssl-default-bind-options): disables session resumption. Default false.</summary>
    public bool NoTlsTickets { get; init; }

    /// <summary><c>verify</c>; default <see cref="ClientCertificateMode.None"/>.</summary>
    public ClientCertificateMode Verify { get; init; }

    /// <summary><c>ca-file</c>, made absolute with <c>ca-base</c>: the CAs that sign client certificates; null when not set.</summary>
    public string? CaFile { get; init; }
}
