namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Parses the options of one <c>bind</c> line (the words after its address) into a <see cref="BindTlsConfig"/> over the
/// global <see cref="TlsBindDefaults"/>. Every option must be known (<see cref="BindOptionCatalog"/>); TLS ones are
/// interpreted, the rest accepted. Certificates are not opened here (the TLS validator does that).
/// </summary>
internal sealed class BindOptionsParser(DiagnosticBag bag)
{
    /// <summary>ALPN's default in HTTP mode: the HTTP layer speaks HTTP/1.1 (RFC 7301 name).</summary>
    private static readonly IReadOnlyList<string> HttpDefaultAlpn = ["http/1.1"];

    private static readonly string[] VerifyModes = ["none", "optional", "required"];

    /// <returns>The TLS settings, or null when the bind has no <c>ssl</c> (or no usable TLS settings).</returns>
    public BindTlsConfig? Parse(IReadOnlyList<string> options, TlsBindDefaults defaults, ProxyMode mode, string where, SourceLocation location)
    {
        var ssl = false;
        var certificates = new List<string>();
        var versions = TlsVersionSettings.None;
        IReadOnlyList<string>? alpn = null;
        var config = new BindTlsConfig();
        for (var i = 0; i < options.Count; i++)
        {
            var name = options[i];
            if (BindOptionCatalog.Find(name) is not { } option)
            {
                bag.Error(location, ConfigMessages.UnknownBindOption(name, where, NearestMatch.Find(name, BindOptionCatalog.Names)));
                continue;
            }

            string? value = null;
            if (option.Arity == 1)
            {
                if (i + 1 >= options.Count)
                {
                    bag.Error(location, ConfigMessages.BindOptionWithoutValue(name, where));
                    continue;
                }

                value = options[++i];
            }

            switch (option.Kind)
            {
                case BindOptionKind.Unsupported:
                    bag.Error(location, ConfigMessages.UnsupportedBindOption(name, where, option.Reason!));
                    continue;
                case BindOptionKind.Ignored:
                    continue;
            }

            switch (name)
            {
                case "ssl":
                    ssl = true;
                    break;
                case "crt":
                    certificates.Add(Resolve(defaults.CrtBase, value!));
                    break;
                case "alpn":
                    alpn = ParseAlpn(value!, where, location) ?? alpn;
                    break;
                case "ssl-min-ver" or "ssl-max-ver":
                    if (TlsVersionNames.Parse(value!) is { } version)
                    {
                        versions = name == "ssl-min-ver" ? versions with { Min = version } : versions with { Max = version };
                    }
                    else
                    {
                        bag.Error(location, ConfigMessages.ExpectsOneOf(name, where, TlsVersionNames.Names, value, NearestMatch.Find(value!, TlsVersionNames.Names)));
                    }

                    break;
                case "ciphers":
                    config = config with { Ciphers = value };
                    break;
                case "ciphersuites":
                    config = config with { CipherSuites = value };
                    break;
                case "strict-sni":
                    config = config with { StrictSni = true };
                    break;
                case "no-tls-tickets":
                    config = config with { NoTlsTickets = true };
                    break;
                case "verify":
                    var index = Array.IndexOf(VerifyModes, value);
                    if (index < 0)
                    {
                        bag.Error(location, ConfigMessages.ExpectsOneOf(name, where, VerifyModes, value, null));
                    }
                    else
                    {
                        config = config with { Verify = (ClientCertificateMode)index };
                    }

                    break;
                case "ca-file":
                    config = config with { CaFile = Resolve(defaults.CaBase, value!) };
                    break;
                default:
                    versions = versions.WithFlag(name) ?? versions;
                    break;
            }
        }

        if (!ssl)
        {
            if (certificates.Count > 0)
            {
                bag.Error(location, ConfigMessages.CrtWithoutSsl(where));
            }

            return null;
        }

        if (certificates.Count == 0)
        {
            bag.Error(location, ConfigMessages.SslWithoutCrt(where));
        }

        if (config.Verify != ClientCertificateMode.None && config.CaFile is null)
        {
            bag.Error(location, ConfigMessages.VerifyWithoutCaFile(where));
        }

        return config with
        {
            Certificates = certificates,
            Versions = ResolveVersions(versions.Over(defaults.Versions), where, location),
            Alpn = alpn ?? (mode == ProxyMode.Http ? HttpDefaultAlpn : []),
            Ciphers = config.Ciphers ?? defaults.Ciphers,
            CipherSuites = config.CipherSuites ?? defaults.CipherSuites,
            NoTlsTickets = config.NoTlsTickets || defaults.NoTlsTickets,
        };
    }

    /// <summary>
    /// HAProxy's rules: an unset minimum is TLSv1.2, an unset maximum the highest version; <c>no-*</c> flags are
    /// ignored (with a warning) once a minimum or maximum is set. SSLv3 is never offered.
    /// </summary>
    private IReadOnlyList<TlsVersion> ResolveVersions(TlsVersionSettings settings, string where, SourceLocation location)
    {
        var disabled = settings.Disabled;
        if (disabled.Count > 0 && (settings.Min is not null || settings.Max is not null))
        {
            bag.Warning(location, ConfigMessages.NoTlsFlagsIgnored(where));
            disabled = new HashSet<TlsVersion>();
        }

        var min = settings.Min ?? TlsVersion.Tls12;
        var max = settings.Max ?? TlsVersion.Tls13;
        if (min == TlsVersion.Ssl3 && !disabled.Contains(TlsVersion.Ssl3))
        {
            bag.Warning(location, ConfigMessages.Sslv3NotOffered(where));
        }

        var versions = Enum.GetValues<TlsVersion>()
            .Where(v => v > TlsVersion.Ssl3 && v >= min && v <= max && !disabled.Contains(v))
            .ToList();
        if (versions.Count == 0)
        {
            bag.Error(location, ConfigMessages.AllTlsVersionsDisabled(where));
            return BindTlsConfig.DefaultVersions;
        }

        return versions;
    }

    private List<string>? ParseAlpn(string value, string where, SourceLocation location)
    {
        var names = value.Split(',');

        // RFC 7301 section 3.1: a protocol name is 1 to 255 bytes; a comma list cannot carry an empty one.
        if (Array.Exists(names, n => n.Length is 0 or > 255))
        {
            bag.Error(location, ConfigMessages.BadAlpn(where, value));
            return null;
        }

        return [.. names];
    }

    private static string Resolve(string? directory, string path) =>
        directory is null || Path.IsPathRooted(path) ? path : Path.Combine(directory, path);
}
