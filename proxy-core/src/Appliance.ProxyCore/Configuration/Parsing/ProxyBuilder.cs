namespace Appliance.ProxyCore.Configuration.Parsing;

/// <summary>
/// A proxy (or a <c>defaults</c> section) while its lines are read. A proxy starts as a copy of the inheritable
/// settings of its defaults section; <see cref="Build"/> freezes it into a <see cref="ProxyConfig"/>.
/// </summary>
internal sealed class ProxyBuilder
{
    private ProxyBuilder(string? name, ProxyKind? kind, SourceLocation location)
    {
        Name = name;
        Kind = kind;
        Location = location;
    }

    public string? Name { get; }

    /// <summary>Null for a <c>defaults</c> section.</summary>
    public ProxyKind? Kind { get; }

    public SourceLocation Location { get; }

    /// <summary>How the section is named in messages, with its preposition: <c>in backend 'web'</c>.</summary>
    public string Where => ConfigMessages.InSection(Kind, Name);

    public ProxyMode Mode { get; set; } = ProxyMode.Tcp;

    public List<BindConfig> Binds { get; } = [];

    /// <summary>How many bind addresses were written, valid or not (so a bad bind is not also reported as a missing one).</summary>
    public int BindLineCount { get; set; }

    public string? DefaultBackend { get; set; }

    public SourceLocation? DefaultBackendLocation { get; set; }

    public BalanceConfig Balance { get; set; } = BalanceConfig.Default;

    /// <summary>Where <see cref="Balance"/> was set (possibly in a defaults section); null = the built-in default.</summary>
    public SourceLocation? BalanceLocation { get; set; }

    public List<ServerConfig> Servers { get; } = [];

    public ServerParams DefaultServer { get; private set; } = new();

    public TimeoutsConfig Timeouts { get; set; } = TimeoutsConfig.None;

    public int Retries { get; set; } = 3;

    public int? MaxConn { get; set; }

    public HashSet<string> Options { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>The arguments of the last <c>option forwardfor</c>; null when it was never set or was negated.</summary>
    public Rules.ForwardForOption? ForwardFor { get; set; }

    public List<ConfigLine> DeferredLines { get; private set; } = [];

    public List<LogTargetConfig> Logs { get; private set; } = [];

    public string? Description { get; set; }

    public bool Disabled { get; set; }

    public int? Id { get; set; }

    public int? FullConn { get; set; }

    public IReadOnlyList<string> HashType { get; set; } = [];

    public string? CheckMethod { get; set; }

    public string? CheckUri { get; set; }

    public string? CheckVersion { get; set; }

    public string? CheckHost { get; set; }

    public int? CheckExpectStatus { get; set; }

    public static ProxyBuilder ForDefaults(string? name, SourceLocation location) => new(name, null, location);

    /// <summary>Starts a proxy from <paramref name="defaults"/>, or from HAProxy's built-in defaults when null.</summary>
    public static ProxyBuilder ForProxy(string name, ProxyKind kind, SourceLocation location, ProxyBuilder? defaults)
    {
        var proxy = new ProxyBuilder(name, kind, location);
        if (defaults is not null)
        {
            proxy.InheritFrom(defaults);
        }

        return proxy;
    }

    /// <summary>
    /// Copies everything a defaults section can hold; deferred lines only where this section's kind allows their
    /// keyword (a frontend does not get a defaults section's <c>cookie</c>).
    /// </summary>
    public void InheritFrom(ProxyBuilder defaults)
    {
        var capability = ProxyKeywordCatalog.CapabilityOf(Kind);
        Mode = defaults.Mode;
        if (Kind != ProxyKind.Backend)
        {
            // Only a frontend side routes to a backend (HAProxy copies default_backend to frontends only).
            DefaultBackend = defaults.DefaultBackend;
            DefaultBackendLocation = defaults.DefaultBackendLocation;
        }

        Balance = defaults.Balance;
        BalanceLocation = defaults.BalanceLocation;
        DefaultServer = defaults.DefaultServer.Clone();
        Timeouts = defaults.Timeouts;
        Retries = defaults.Retries;
        MaxConn = defaults.MaxConn;
        Options = new HashSet<string>(defaults.Options, StringComparer.Ordinal);
        ForwardFor = defaults.ForwardFor;
        DeferredLines = [.. defaults.DeferredLines.Where(l => (ProxyKeywordCatalog.Find(l.Keyword)?.Allowed ?? SectionCapability.None).HasFlag(capability))];
        Logs = [.. defaults.Logs];
        Disabled = defaults.Disabled;
        FullConn = defaults.FullConn;
        HashType = defaults.HashType;
        CheckMethod = defaults.CheckMethod;
        CheckUri = defaults.CheckUri;
        CheckVersion = defaults.CheckVersion;
        CheckHost = defaults.CheckHost;
        CheckExpectStatus = defaults.CheckExpectStatus;
    }

    public ProxyConfig Build() => new()
    {
        Name = Name!,
        Kind = Kind!.Value,
        Location = Location,
        Mode = Mode,
        Binds = [.. Binds],
        HasBindLines = BindLineCount > 0,
        DefaultBackend = DefaultBackend,
        DefaultBackendLocation = DefaultBackendLocation,
        Balance = Balance,
        BalanceLocation = BalanceLocation,
        Servers = [.. Servers],
        Timeouts = Timeouts,
        Retries = Retries,
        Redispatch = Options.Contains("redispatch"),
        MaxConn = MaxConn,
        HttpCheck = Options.Contains("httpchk")
            ? new HttpCheckConfig(CheckMethod ?? HttpCheckConfig.Default.Method, CheckUri ?? HttpCheckConfig.Default.Uri,
                CheckVersion ?? HttpCheckConfig.Default.Version, CheckExpectStatus, CheckHost)
            : null,
        Options = new HashSet<string>(Options, StringComparer.Ordinal),
        ForwardFor = Options.Contains("forwardfor") ? ForwardFor ?? Rules.ForwardForOption.Default : null,
        DeferredLines = [.. DeferredLines],
        Logs = [.. Logs],
        Description = Description,
        Disabled = Disabled,
        Id = Id,
        FullConn = FullConn,
        HashType = HashType,
    };
}
