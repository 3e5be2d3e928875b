namespace Appliance.ProxyCore.Stats;

/// <summary>One metric family of the exporter: HAProxy's name for it, its type and the stats field it reads.</summary>
/// <param name="Object">Frontend, backend or server.</param>
/// <param name="Name">The name after <c>haproxy_frontend_</c>, <c>haproxy_backend_</c> or <c>haproxy_server_</c>.</param>
/// <param name="Type"><c>gauge</c> or <c>counter</c>.</param>
/// <param name="Help">The <c># HELP</c> text.</param>
/// <param name="Field">The field read; its cell must be present for a sample to be written.</param>
/// <param name="Scale">A factor applied to the value (0.001 turns milliseconds into seconds); default 1.</param>
internal sealed record PrometheusMetric(StatsObjectType Object, string Name, string Type, string Help, StatsField Field, double Scale = 1);
