namespace Appliance.ProxyCore.Configuration;

/// <summary>The <c>global</c> section.</summary>
public sealed record GlobalConfig
{
    /// <summary>Process-wide connection limit; HAProxy derives its default from ulimit -n, we use 4096 when unset.</summary>
    public int? MaxConn { get; init; }

    public IReadOnlyList<LogTargetConfig> Logs { get; init; } = [];

    public string? User { get; init; }

    public string? Group { get; init; }

    /// <summary>Lines parsed but applied by later stages (ssl-default-bind-options, stats socket, ...).</summary>
    public IReadOnlyList<ConfigLine> DeferredLines { get; init; } = [];

    public static GlobalConfig Empty { get; } = new();
}
