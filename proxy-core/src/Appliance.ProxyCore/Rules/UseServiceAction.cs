namespace Appliance.ProxyCore.Rules;

/// <summary>
/// <c>http-request use-service NAME</c>: the request is answered by a service built into the proxy instead of a
/// server. The one service available is <see cref="PrometheusExporter"/> (HAProxy's <c>prometheus-exporter</c>).
/// </summary>
public sealed class UseServiceAction(string service) : HttpAction
{
    /// <summary>HAProxy's name of its Prometheus exporter service.</summary>
    public const string PrometheusExporter = "prometheus-exporter";

    /// <summary>The services this build provides.</summary>
    public static readonly string[] Services = [PrometheusExporter];

    public override string Name => "use-service";

    public override bool IsFinal => true;

    public string Service { get; } = service;

    public override RuleOutcome Execute(in ActionTarget target) => RuleOutcome.Service;
}
