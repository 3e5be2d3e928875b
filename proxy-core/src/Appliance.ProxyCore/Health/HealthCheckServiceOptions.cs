using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Appliance.ProxyCore.Health;

/// <summary>The seams of <see cref="HealthCheckService"/>; every member has a production default.</summary>
public sealed class HealthCheckServiceOptions
{
    /// <summary>The clock for schedules, timeouts and timestamps; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Spreads the first checks over one interval; default <see cref="Random.Shared"/>.</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>Creates the probes; default <see cref="HealthProbeFactory"/> on <see cref="TimeProvider"/> and DNS.</summary>
    public IHealthProbeFactory? ProbeFactory { get; init; }

    /// <summary>Where failures of event subscribers go; default none.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>
    /// After a reload the servers keep their states: checks resume from each server's current health instead of
    /// HAProxy's start-up point. Default false (a first start).
    /// </summary>
    public bool ResumeFromState { get; init; }
}
