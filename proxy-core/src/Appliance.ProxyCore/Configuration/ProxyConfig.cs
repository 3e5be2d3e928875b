namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// A <c>frontend</c>, <c>backend</c> or <c>listen</c> section after <c>defaults</c> were applied. Immutable: the runtime
/// builds its model from it and swaps the whole model on reload.
/// </summary>
public sealed record ProxyConfig
{
    public required string Name { get; init; }

    public required ProxyKind Kind { get; init; }

    public required SourceLocation Location { get; init; }

    public ProxyMode Mode { get; init; } = ProxyMode.Tcp;

    public IReadOnlyList<BindConfig> Binds { get; init; } = [];

    /// <summary>True when the section had at least one bind line, even one that was refused.</summary>
    public bool HasBindLines { get; init; }

    public string? DefaultBackend { get; init; }

    /// <summary>Where <see cref="DefaultBackend"/> was set, for diagnostics.</summary>
    public SourceLocation? DefaultBackendLocation { get; init; }

    public BalanceConfig Balance { get; init; } = BalanceConfig.Default;

    /// <summary>Where <see cref="Balance"/> was set (possibly in a defaults section); null = HAProxy's default roundrobin.</summary>
    public SourceLocation? BalanceLocation { get; init; }

    public IReadOnlyList<ServerConfig> Servers { get; init; } = [];

    public TimeoutsConfig Timeouts { get; init; } = TimeoutsConfig.None;

    /// <summary>Connection attempts after the first failed one; HAProxy's default is 3.</summary>
    public int Retries { get; init; } = 3;

    /// <summary><c>option redispatch</c>: a retry may go to another server.</summary>
    public bool Redispatch { get; init; }

    /// <summary>The frontend's <c>maxconn</c>; <c>null</c> = the global limit only.</summary>
    public int? MaxConn { get; init; }

    public HttpCheckConfig? HttpCheck { get; init; }

    /// <summary>Names of <c>option X</c> / <c>no option X</c> settings in force (e.g. <c>forwardfor</c>), after defaults.</summary>
    public IReadOnlySet<string> Options { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// <c>option forwardfor</c> with its arguments (header, except network, if-none); null when the option is off.
    /// Applied by the HTTP forwarder.
    /// </summary>
    public Rules.ForwardForOption? ForwardFor { get; init; }

    /// <summary>
    /// The compiled ACLs, HTTP rules, <c>use_backend</c> rules and error files of this proxy, built by
    /// <see cref="Rules.HttpRulesCompiler"/> during loading; <see cref="Rules.HttpRuleSet.Empty"/> until then.
    /// </summary>
    public Rules.HttpRuleSet HttpRules { get; init; } = Rules.HttpRuleSet.Empty;

    /// <summary>
    /// The stats page settings (<c>stats</c> lines, own and inherited), built by <see cref="Stats.StatsConfigCompiler"/>
    /// during loading; null when the proxy has no <c>stats</c> line.
    /// </summary>
    public Stats.StatsConfig? Stats { get; init; }

    /// <summary>The <c>stick-table</c> line, built by <see cref="StickTables.StickConfigCompiler"/>; null when none.</summary>
    public StickTableConfig? StickTable { get; init; }

    /// <summary>The <c>stick</c> rules in file order, built by <see cref="StickTables.StickConfigCompiler"/>.</summary>
    public IReadOnlyList<StickRuleConfig> StickRules { get; init; } = [];

    /// <summary>Lines whose keywords belong to later stages (acl, http-request, cookie, stats, ...), parsed but not yet applied.</summary>
    public IReadOnlyList<ConfigLine> DeferredLines { get; init; } = [];

    /// <summary>The proxy's <c>log</c> lines (from defaults, then its own); <c>no log</c> clears them. Empty = no logging.</summary>
    public IReadOnlyList<LogTargetConfig> Logs { get; init; } = [];

    /// <summary>The <c>description</c> text; null when not set.</summary>
    public string? Description { get; init; }

    /// <summary><c>disabled</c>: the proxy is declared but not started. Default false (<c>enabled</c>).</summary>
    public bool Disabled { get; init; }

    /// <summary>The <c>id</c> keyword (a positive number for stats and the CLI); null = assigned automatically.</summary>
    public int? Id { get; init; }

    /// <summary><c>fullconn</c>: the backend load at which dynamic <c>minconn</c> limits reach <c>maxconn</c>; null = derived.</summary>
    public int? FullConn { get; init; }

    /// <summary><c>hash-type</c> words (method, function, modifier); empty = HAProxy's default <c>map-based</c>.</summary>
    public IReadOnlyList<string> HashType { get; init; } = [];

    public bool IsFrontend => Kind is ProxyKind.Frontend or ProxyKind.Listen;

    public bool IsBackend => Kind is ProxyKind.Backend or ProxyKind.Listen;
}
