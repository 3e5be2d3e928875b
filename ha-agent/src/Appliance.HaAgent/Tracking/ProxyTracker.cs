using Appliance.HaAgent.Configuration;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Tracking;

/// <summary><c>track_proxy [weight N]</c>: polls <see cref="IProxyHealth"/> every <see cref="DefaultInterval"/>.</summary>
public sealed class ProxyTracker : PollingTracker
{
    /// <summary>200 ms: faster than any health check the proxy runs (HAProxy's <c>inter</c> defaults to 2 s).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

    private readonly IProxyHealth _health;

    /// <summary>Tracks <paramref name="health"/> with <paramref name="config"/>'s weight.</summary>
    public ProxyTracker(TrackProxyConfig config, IProxyHealth health, TimeProvider time, ILogger logger, TimeSpan? interval = null)
        : base("proxy", config.Weight, interval ?? DefaultInterval, 1, 1, time, logger)
    {
        _health = health;
    }

    /// <inheritdoc />
    protected override Task<bool> ProbeAsync(CancellationToken cancellationToken) => Task.FromResult(_health.IsHealthy);
}
