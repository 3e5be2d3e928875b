using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Tls;

/// <summary>
/// The server side of TLS for one <c>ssl</c> bind: picks the certificate by SNI for each handshake and hands SslStream
/// the bind's options (versions, ALPN, cipher suites, client certificates). Use it as
/// <c>stream.AuthenticateAsServerAsync(provider.SelectionCallback, null, ct)</c>, or <see cref="AuthenticateAsServerAsync"/>.
/// Reload certificates through <see cref="Store"/>; new handshakes see them at once.
/// </summary>
public sealed class TlsServerOptionsProvider
{
    private readonly BindTlsConfig _config;
    private readonly SslProtocols _protocols;
    private readonly List<SslApplicationProtocol>? _alpn;
    private readonly CipherSuitesPolicy? _cipherSuites;
    private readonly ClientCertificateValidator? _clientValidator;
    private OptionsCache? _cache;

    /// <param name="clientAuthorities">The CAs of <c>ca-file</c>; required when <see cref="BindTlsConfig.Verify"/> is not none.</param>
    /// <param name="servedProtocols">
    /// ALPN names the connection handler behind this bind speaks; others are not offered, so a client never negotiates a
    /// protocol nobody serves (e.g. <c>h2</c> before HTTP/2 exists). Null (default) offers every configured name.
    /// </param>
    /// <param name="timeProvider">The clock of client-certificate checks; default the system clock.</param>
    public TlsServerOptionsProvider(
        BindTlsConfig config,
        TlsCertificateStore store,
        X509Certificate2Collection? clientAuthorities = null,
        IReadOnlyCollection<string>? servedProtocols = null,
        TimeProvider? timeProvider = null)
    {
        _config = config;
        Store = store;
        _protocols = TlsProtocolMapper.ToSslProtocols(config.Versions);
        var alpn = config.Alpn.Where(p => servedProtocols is null || servedProtocols.Contains(p)).ToList();
        _alpn = alpn.Count == 0 ? null : [.. alpn.Select(ToProtocol)];
        _cipherSuites = CipherSuiteMapper.CreatePolicy(config.Ciphers, config.CipherSuites, _protocols);
        if (config.Verify != ClientCertificateMode.None)
        {
            _clientValidator = new ClientCertificateValidator(
                clientAuthorities ?? throw new ArgumentException("verify needs the CAs of ca-file", nameof(clientAuthorities)),
                config.Verify,
                timeProvider ?? TimeProvider.System);
        }

        SelectionCallback = (_, hello, _, _) => GetOptions(hello.ServerName) is { } options
            ? ValueTask.FromResult(options)
            : ValueTask.FromException<SslServerAuthenticationOptions>(
                new AuthenticationException($"no certificate for server name '{hello.ServerName}' and 'strict-sni' is set"));
    }

    /// <summary>The certificates; <see cref="TlsCertificateStore.Reload"/> or <see cref="TlsCertificateStore.ReloadIfChanged"/> swaps them.</summary>
    public TlsCertificateStore Store { get; }

    /// <summary>For <see cref="SslStream.AuthenticateAsServerAsync(ServerOptionsSelectionCallback, object?, CancellationToken)"/>; fails the handshake under strict-sni.</summary>
    public ServerOptionsSelectionCallback SelectionCallback { get; }

    /// <summary>
    /// Loads the bind's certificates (and its ca-file) and builds its provider; throws
    /// <see cref="TlsCertificateException"/> when a file cannot be loaded.
    /// </summary>
    /// <param name="loader">Default: the real file system and clock.</param>
    public static TlsServerOptionsProvider Create(
        BindTlsConfig config,
        CertificateLoader? loader = null,
        IReadOnlyCollection<string>? servedProtocols = null,
        TimeProvider? timeProvider = null)
    {
        loader ??= new CertificateLoader();
        var store = TlsCertificateStore.Load(config.Certificates, loader);
        X509Certificate2Collection? authorities = null;
        if (config.Verify != ClientCertificateMode.None && config.CaFile is { } caFile)
        {
            authorities = loader.LoadCaFile(caFile, out var error) ?? throw new TlsCertificateException($"cannot load ca-file '{caFile}': {error}");
        }

        return new TlsServerOptionsProvider(config, store, authorities, servedProtocols, timeProvider);
    }

    /// <summary>The options for a handshake naming <paramref name="serverName"/> (null or empty: no SNI); null when strict-sni refuses it.</summary>
    public SslServerAuthenticationOptions? GetOptions(string? serverName)
    {
        var selector = Store.Selector;
        var cache = Volatile.Read(ref _cache);
        if (cache is null || !ReferenceEquals(cache.Selector, selector))
        {
            // First handshake after a reload: build once; a racing handshake may build too, which is harmless.
            cache = new OptionsCache(selector, [.. selector.Certificates.Select(Build)]);
            Volatile.Write(ref _cache, cache);
        }

        var index = selector.FindIndex(serverName);
        return index >= 0 ? cache.Options[index] : _config.StrictSni ? null : cache.Options[0];
    }

    /// <summary>Runs the server handshake on <paramref name="stream"/> with this bind's options.</summary>
    public Task AuthenticateAsServerAsync(SslStream stream, CancellationToken cancellationToken) =>
        stream.AuthenticateAsServerAsync(SelectionCallback, null, cancellationToken);

    private SslServerAuthenticationOptions Build(ServerCertificate certificate) => new()
    {
        ServerCertificateContext = certificate.Context,
        EnabledSslProtocols = _protocols,
        ApplicationProtocols = _alpn,
        CipherSuitesPolicy = _cipherSuites,
        ClientCertificateRequired = _clientValidator is not null,
        RemoteCertificateValidationCallback = _clientValidator is null ? null : _clientValidator.Validate,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,

        // HAProxy refuses client-initiated renegotiation (a CPU exhaustion vector); so do we.
        AllowRenegotiation = false,
        AllowTlsResume = !_config.NoTlsTickets,
    };

    private static SslApplicationProtocol ToProtocol(string name) => name switch
    {
        "h2" => SslApplicationProtocol.Http2,
        "http/1.1" => SslApplicationProtocol.Http11,
        _ => new SslApplicationProtocol(name),
    };

    private sealed record OptionsCache(CertificateSelector Selector, SslServerAuthenticationOptions[] Options);
}
