using System.Net;

namespace Appliance.ProxyCore.Configuration;

/// <summary>
/// One <c>server</c> line. Defaults are HAProxy's: <c>inter 2s</c>, <c>rise 2</c>, <c>fall 3</c>, <c>weight 1</c>,
/// <c>maxconn 0</c> (unlimited); <c>fastinter</c> and <c>downinter</c> default to <c>inter</c>.
/// </summary>
public sealed record ServerConfig
{
    public required string Name { get; init; }

    /// <summary>The host as written: an IP literal or a name resolved at start-up.</summary>
    public required string Host { get; init; }

    /// <summary>The parsed address when <see cref="Host"/> is an IP literal.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>The port; <c>null</c> means "the port the client connected to", as in HAProxy.</summary>
    public int? Port { get; init; }

    public required SourceLocation Location { get; init; }

    public bool Check { get; init; }

    public TimeSpan Inter { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan? FastInter { get; init; }

    public TimeSpan? DownInter { get; init; }

    public int Rise { get; init; } = 2;

    public int Fall { get; init; } = 3;

    /// <summary>The <c>port</c> keyword: health checks go to this port instead of the traffic port.</summary>
    public int? CheckPort { get; init; }

    /// <summary>The <c>addr</c> keyword: health checks go to this address instead of the traffic address.</summary>
    public IPAddress? CheckAddress { get; init; }

    /// <summary>0..256, default 1. Weight 0 takes no new traffic unless it is the only way to reach a session.</summary>
    public int Weight { get; init; } = 1;

    /// <summary>0 = unlimited.</summary>
    public int MaxConn { get; init; }

    /// <summary>Idle keep-alive connections kept for reuse (HAProxy's <c>pool-max-conn</c>): -1 = unlimited (the default), 0 = none.</summary>
    public int PoolMaxConn { get; init; } = -1;

    /// <summary>
    /// How many clients may wait in the server's own queue (persistent clients while it is at <see cref="MaxConn"/>);
    /// past it they are balanced to other servers. 0 = unlimited (HAProxy's <c>maxqueue</c>).
    /// </summary>
    public int MaxQueue { get; init; }

    public bool Backup { get; init; }

    public bool Disabled { get; init; }

    /// <summary>The <c>cookie</c> value used by cookie persistence (issue 3).</summary>
    public string? Cookie { get; init; }

    public AgentCheckConfig? Agent { get; init; }

    /// <summary>Words of the line that later stages interpret (ssl, send-proxy, ...), kept verbatim.</summary>
    public IReadOnlyList<string> OtherOptions { get; init; } = [];
}
