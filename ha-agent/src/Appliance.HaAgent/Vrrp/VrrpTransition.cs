using Appliance.Contracts;
using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Vrrp;

/// <summary>A role change for the event stream.</summary>
/// <param name="VirtualRouterId">The VRID of the instance that changed.</param>
/// <param name="From">The role before.</param>
/// <param name="To">The role after.</param>
/// <param name="Reason">The RFC 5798 §6.4 rule that fired.</param>
/// <param name="At">The monotonic time passed in with the input that caused it.</param>
/// <param name="Peer">The router whose advert caused it, when an advert did.</param>
/// <param name="PeerPriority">That advert's priority, when an advert caused it.</param>
public sealed record VrrpTransition(
    byte VirtualRouterId,
    HaRole From,
    HaRole To,
    VrrpTransitionReason Reason,
    TimeSpan At,
    Ipv4Address? Peer = null,
    byte? PeerPriority = null)
{
    public override string ToString() =>
        Peer is { } peer
            ? $"vrid {VirtualRouterId}: {From} -> {To} ({Reason}, peer {peer} priority {PeerPriority})"
            : $"vrid {VirtualRouterId}: {From} -> {To} ({Reason})";
}
