namespace Appliance.HaAgent.Sync.Node;

/// <summary>A master's request that this node take over.</summary>
/// <param name="From">The asking master's node name.</param>
/// <param name="Epoch">The master's epoch.</param>
/// <param name="AppliedSequence">What this node has applied of the master's stream when the request arrived.</param>
/// <param name="CaughtUp">True when this node had applied everything the master had sequenced (lag 0).</param>
public sealed record TakeoverRequest(string From, long Epoch, long AppliedSequence, bool CaughtUp);
