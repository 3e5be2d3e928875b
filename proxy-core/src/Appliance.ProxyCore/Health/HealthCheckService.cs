using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore.Health;

/// <summary>
/// Runs a <see cref="ServerHealthMonitor"/> for every server with <c>check</c> or <c>agent-check</c> in a set of
/// backends. Servers with neither are never checked and keep their state (UP unless disabled), as in HAProxy.
/// </summary>
/// <example>
/// <code>
/// await using var health = new HealthCheckService(backends);
/// health.HealthEventRaised += (_, e) =&gt; log.Info(e.ToString());
/// await health.StartAsync();
/// </code>
/// </example>
public sealed class HealthCheckService : IAsyncDisposable
{
    private readonly IReadOnlyList<BackendServers> _backends;
    private readonly HealthCheckServiceOptions _options;
    private readonly IHealthProbeFactory _probes;
    private readonly List<ServerHealthMonitor> _monitors = [];
    private readonly object _gate = new();
    private bool _started;
    private bool _disposed;

    /// <param name="backends">The backends and their server models; their states are what the checks update.</param>
    /// <param name="options">The seams; <c>null</c> for the production defaults.</param>
    public HealthCheckService(IReadOnlyList<BackendServers> backends, HealthCheckServiceOptions? options = null)
    {
        _backends = backends;
        _options = options ?? new HealthCheckServiceOptions();
        _probes = _options.ProbeFactory ?? new HealthProbeFactory(_options.TimeProvider);
    }

    /// <summary>
    /// Every <see cref="HealthEvent"/> of every server, raised on timer threads, in order per server. Subscribe before
    /// <see cref="StartAsync"/> so no event is missed; a handler that throws is logged and the checks go on.
    /// </summary>
    public event EventHandler<HealthEvent>? HealthEventRaised;

    /// <summary>The running monitors, one per checked server, in configuration order.</summary>
    public IReadOnlyList<ServerHealthMonitor> Monitors
    {
        get
        {
            lock (_gate)
            {
                return [.. _monitors];
            }
        }
    }

    /// <summary>Creates and starts the monitors. Checks that cannot run raise <see cref="HealthCheckDisabled"/>.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException("The health check service is already started.");
            }

            _started = true;
            foreach (var (backend, servers) in _backends)
            {
                foreach (var server in servers)
                {
                    IHealthProbe? check = null;
                    IAgentProbe? agent = null;
                    if (server.Config.Check)
                    {
                        if (CheckTarget.TryForCheck(backend.Name, server.Config, out var target, out var error))
                        {
                            check = _probes.CreateCheckProbe(backend, server, target);
                        }
                        else
                        {
                            Raise(new HealthCheckDisabled(backend.Name, server, _options.TimeProvider.GetUtcNow(), error));
                        }
                    }

                    if (server.Config.Agent is not null)
                    {
                        if (CheckTarget.TryForAgent(backend.Name, server.Config, out var target, out var error))
                        {
                            agent = _probes.CreateAgentProbe(backend, server, target);
                        }
                        else
                        {
                            Raise(new HealthCheckDisabled(backend.Name, server, _options.TimeProvider.GetUtcNow(), error));
                        }
                    }

                    if (check is null && agent is null)
                    {
                        continue;
                    }

                    var monitor = new ServerHealthMonitor(backend.Name, server, check, agent, _options.TimeProvider, _options.Random, Raise);
                    if (_options.ResumeFromState)
                    {
                        monitor.ResumeFromCurrentState();
                    }

                    _monitors.Add(monitor);
                    monitor.Start();
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops every monitor and waits for the probes in flight; no event is raised after it completes.</summary>
    public async ValueTask DisposeAsync()
    {
        ServerHealthMonitor[] monitors;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            monitors = [.. _monitors];
        }

        await Task.WhenAll(monitors.Select(m => m.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private void Raise(HealthEvent healthEvent)
    {
        try
        {
            HealthEventRaised?.Invoke(this, healthEvent);
        }
        catch (Exception ex)
        {
            _options.Logger.LogError(ex, "A health event subscriber failed on: {HealthEvent}", healthEvent);
        }
    }
}
