namespace Appliance.Host.Switchover;

/// <summary>What a node answered to a takeover request.</summary>
/// <param name="Accepted">True when the node now runs at the takeover priority.</param>
/// <param name="Message">The node's answer or why it could not be reached, for the operator.</param>
internal sealed record TakeoverReply(bool Accepted, string Message);
