namespace Appliance.ProxyCore.Health;

/// <summary>One regular health check (TCP connect, HTTP) against one server; the IO seam of the health monitor.</summary>
public interface IHealthProbe
{
    /// <summary>
    /// Runs one check within its own timeouts and reports the outcome; failures are results, not exceptions.
    /// Throws <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> (shutdown) fires.
    /// </summary>
    ValueTask<ProbeResult> RunAsync(CancellationToken cancellationToken);
}
