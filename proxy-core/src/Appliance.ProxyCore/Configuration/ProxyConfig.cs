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

    public string? DefaultBackend { get; init; }

    /// <summary>Where <see cref="DefaultBackend"/> was set, for diagnostics.</summary>
    public SourceLocation? DefaultBackendLocation { get; init; }

    public BalanceConfig Balance { get; init; } = BalanceConfig.Default;

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

    /// <summary>Lines whose keywords belong to later stages (acl, http-request, cookie, stats, ...), parsed but not yet applied.</summary>
    public IReadOnlyList<ConfigLine> DeferredLines { get; init; } = [];

    public bool IsFrontend => Kind is ProxyKind.Frontend or ProxyKind.Listen;

    public bool IsBackend => Kind is ProxyKind.Backend or ProxyKind.Listen;
}
