using Appliance.Contracts;

namespace Appliance.Host.Switchover;

/// <summary>One node's role as it reports it over the sync service (its GetStatus answer), for checking who took over.</summary>
/// <param name="Node">The node's name (<c>node_name</c>).</param>
/// <param name="Role">The role it reports; null when it could not be asked.</param>
/// <param name="Error">Why it could not be asked; null when it answered.</param>
internal sealed record ClusterRole(string Node, HaRole? Role, string? Error);
