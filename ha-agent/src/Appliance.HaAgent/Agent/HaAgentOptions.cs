using Appliance.HaAgent.Tracking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.HaAgent.Agent;

/// <summary>What the host hands the ha-agent besides the <c>ha</c> section.</summary>
public sealed class HaAgentOptions
{
    /// <summary>Loggers; default none.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The clock; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The proxy's health for <c>track_proxy</c>; required when the section has <c>track_proxy</c>.</summary>
    public IProxyHealth? ProxyHealth { get; init; }
}
