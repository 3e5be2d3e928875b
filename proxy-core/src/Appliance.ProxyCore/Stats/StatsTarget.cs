using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.Stats;

/// <summary>A request taken by a built-in service: which one, and the proxy whose settings apply.</summary>
/// <param name="Kind">The stats page or the Prometheus exporter.</param>
/// <param name="Proxy">The proxy whose <c>stats</c> settings (or <c>use-service</c> rule) caught the request.</param>
public readonly record struct StatsTarget(StatsTargetKind Kind, ProxyConfig Proxy);
