namespace Appliance.ProxyCore.Configuration;

/// <summary>The <c>global</c> section.</summary>
public sealed record GlobalConfig
{
    /// <summary>Process-wide connection limit; HAProxy derives its default from ulimit -n, we use 4096 when unset.</summary>
    public int? MaxConn { get; init; }

    /// <summary><c>maxpipes N</c>: pipes open at most for splicing; null (or HAProxy's 0) = maxconn / 4.</summary>
    public int? MaxPipes { get; init; }

    /// <summary><c>nosplice</c>: no tunnel splices, whatever its <c>option splice-*</c>.</summary>
    public bool NoSplice { get; init; }

    /// <summary>
    /// <c>hard-stop-after TIME</c>: the longest a soft stop (a stop, or the connections of the configuration a reload
    /// replaced) waits for connections to end before closing the rest; null (default) = no bound of its own (a stop then
    /// waits as long as its caller's grace, connections of a replaced configuration until they end).
    /// </summary>
    public TimeSpan? HardStopAfter { get; init; }

    /// <summary>
    /// <c>close-spread-time TIME|infinite</c>: the window over which a soft stop spreads the closing of HTTP connections;
    /// null (default) = close them at once; <see cref="Timeout.InfiniteTimeSpan"/> = never close them actively.
    /// </summary>
    public TimeSpan? CloseSpreadTime { get; init; }

    public IReadOnlyList<LogTargetConfig> Logs { get; init; } = [];

    /// <summary><c>user NAME</c> or <c>uid NUMBER</c> (at most one of them); null = the user that started the node.</summary>
    public AccountSetting? User { get; init; }

    /// <summary><c>group NAME</c> or <c>gid NUMBER</c> (at most one of them); null = the user's primary group.</summary>
    public AccountSetting? Group { get; init; }

    /// <summary>Lines parsed but applied by later stages (ssl-default-bind-options, stats socket, ...).</summary>
    public IReadOnlyList<ConfigLine> DeferredLines { get; init; } = [];

    public static GlobalConfig Empty { get; } = new();
}
