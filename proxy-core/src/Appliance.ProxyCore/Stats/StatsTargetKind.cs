namespace Appliance.ProxyCore.Stats;

/// <summary>Which built-in service answers a request.</summary>
public enum StatsTargetKind
{
    /// <summary>The stats page (HTML, <c>;csv</c>, <c>;json</c>) of a proxy with <c>stats</c> lines.</summary>
    Page,

    /// <summary><c>http-request use-service prometheus-exporter</c>.</summary>
    Prometheus,
}
