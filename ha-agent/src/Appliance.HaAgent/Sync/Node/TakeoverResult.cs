namespace Appliance.HaAgent.Sync.Node;

/// <summary>A node's answer to a takeover request.</summary>
/// <param name="Node">The node that answered.</param>
/// <param name="Accepted">True when it is taking over.</param>
/// <param name="Detail">Why not, or what it does ("priority raised to 254").</param>
public sealed record TakeoverResult(string Node, bool Accepted, string Detail);
