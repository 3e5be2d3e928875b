using System.Text;

namespace Appliance.ProxyCore.Stats;

/// <summary>
/// More metrics for the Prometheus exporter from outside the proxy (the host's state sync: replication lag,
/// unacknowledged changes, config versions); set on the engine with <see cref="ProxyEngine.MetricsSource"/>.
/// Called on every scrape: implementations read their current values quickly and never block.
/// </summary>
public interface IMetricsSource
{
    /// <summary>Appends complete metric families (<c># HELP</c>, <c># TYPE</c>, samples) in exposition format 0.0.4.</summary>
    void AppendPrometheus(StringBuilder text);
}
