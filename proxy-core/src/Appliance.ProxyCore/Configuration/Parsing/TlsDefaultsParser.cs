namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// Reads the global lines that shape every <c>ssl</c> bind (kept in <see cref="GlobalConfig.DeferredLines"/> by the
/// global parser): <c>ssl-default-bind-options</c> (its words add up over several lines, as in HAProxy),
/// <c>ssl-default-bind-ciphers</c>, <c>ssl-default-bind-ciphersuites</c>, <c>crt-base</c> and <c>ca-base</c>
/// (the last line wins).
/// </summary>
internal sealed class TlsDefaultsParser(DiagnosticBag bag)
{
    /// <summary>The words <c>ssl-default-bind-options</c> accepts (HAProxy 2.6's <c>ssl_parse_default_bind_options</c>).</summary>
    private static readonly string[] DefaultOptions =
    [
        "ssl-min-ver", "ssl-max-ver", "no-sslv3", "no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13", "force-sslv3",
        "force-tlsv10", "force-tlsv11", "force-tlsv12", "force-tlsv13", "no-tls-tickets", "prefer-client-ciphers",
    ];

    private readonly ValueReader _values = new(bag);

    public TlsBindDefaults Parse(IEnumerable<ConfigLine> globalLines)
    {
        var defaults = TlsBindDefaults.None;
        const string where = ConfigMessages.InGlobal;
        foreach (var line in globalLines)
        {
            switch (line.Keyword)
            {
                case "ssl-default-bind-options":
                    defaults = ParseOptions(line, defaults);
                    break;
                case "ssl-default-bind-ciphers" when _values.Arity(line, where, 1, "an OpenSSL cipher list"):
                    defaults = defaults with { Ciphers = line.Arguments[0] };
                    break;
                case "ssl-default-bind-ciphersuites" when _values.Arity(line, where, 1, "a list of TLS 1.3 cipher suites"):
                    defaults = defaults with { CipherSuites = line.Arguments[0] };
                    break;
                case "crt-base" when _values.Arity(line, where, 1, "a directory"):
                    defaults = defaults with { CrtBase = line.Arguments[0] };
                    break;
                case "ca-base" when _values.Arity(line, where, 1, "a directory"):
                    defaults = defaults with { CaBase = line.Arguments[0] };
                    break;
            }
        }

        return defaults;
    }

    private TlsBindDefaults ParseOptions(ConfigLine line, TlsBindDefaults defaults)
    {
        var args = line.Arguments;
        var versions = defaults.Versions;
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            if (option is "ssl-min-ver" or "ssl-max-ver")
            {
                if (i + 1 >= args.Count)
                {
                    bag.Error(line.Location, ConfigMessages.DefaultBindOptionWithoutValue(option));
                    continue;
                }

                var value = args[++i];
                if (TlsVersionNames.Parse(value) is not { } version)
                {
                    bag.Error(line.Location, ConfigMessages.ExpectsOneOf(option, "in 'ssl-default-bind-options'", TlsVersionNames.Names, value, NearestMatch.Find(value, TlsVersionNames.Names)));
                }
                else
                {
                    versions = option == "ssl-min-ver" ? versions with { Min = version } : versions with { Max = version };
                }
            }
            else if (option == "no-tls-tickets")
            {
                defaults = defaults with { NoTlsTickets = true };
            }
            else if (versions.WithFlag(option) is { } flagged)
            {
                versions = flagged;
            }
            else if (option != "prefer-client-ciphers")
            {
                bag.Error(line.Location, ConfigMessages.UnknownDefaultBindOption(option, DefaultOptions, NearestMatch.Find(option, DefaultOptions)));
            }
        }

        return defaults with { Versions = versions };
    }
}
