using Appliance.ProxyCore.LoadBalancing;
using Appliance.ProxyCore.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.ProxyCore;

/// <summary>The engine's collaborators; every default is the production one.</summary>
public sealed record ProxyEngineOptions
{
    /// <summary>Used when <c>global maxconn</c> is not set. HAProxy derives its default from <c>ulimit -n</c>; 4096 keeps
    /// a small appliance within the default file-descriptor limit (two descriptors per proxied connection).</summary>
    public const int DefaultGlobalMaxConn = 4096;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Where the forwarders write one access line per transaction or connection; default: nothing is logged.</summary>
    public IAccessLog AccessLog { get; init; } = NullAccessLog.Instance;

    /// <summary>Draws the spreading of <c>close-spread-time</c>; default <see cref="Random.Shared"/>.</summary>
    public Random Random { get; init; } = Random.Shared;

    public LoadBalancingPolicyRegistry Policies { get; init; } = LoadBalancingPolicyRegistry.Default;

    /// <summary>The node name the stats page shows when no HA status provider is set; null (default) = the host name.</summary>
    public string? NodeName { get; init; }

    /// <summary>Resolves server host names at start-up (HAProxy's <c>init-addr libc</c>).</summary>
    public Func<string, CancellationToken, Task<System.Net.IPAddress[]>> ResolveHost { get; init; } =
        static (host, ct) => System.Net.Dns.GetHostAddressesAsync(host, ct);
}
