namespace Appliance.HaAgent.Discovery;

/// <summary>A change in the set of resolved instances; <see cref="Service"/> is the last known value for <see cref="ServiceEventKind.Lost"/>.</summary>
public sealed record ServiceEvent(ServiceEventKind Kind, DiscoveredService Service);
