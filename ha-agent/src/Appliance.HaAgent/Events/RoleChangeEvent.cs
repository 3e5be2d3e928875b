using Appliance.Contracts;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Events;

/// <summary>One role change of an instance, as the event stream, the log, the host and notify programs see it.</summary>
/// <param name="Sequence">1, 2, 3… per agent run: consumers can tell a gap (dropped events) from order.</param>
/// <param name="Instance">The instance name (<c>vrid51</c>).</param>
/// <param name="From">The role before.</param>
/// <param name="To">The role after.</param>
/// <param name="Reason">The RFC 5798 §6.4 rule that fired.</param>
/// <param name="Priority">Our effective priority when it happened.</param>
/// <param name="At">Wall-clock time of the change (from the injected TimeProvider).</param>
/// <param name="Peer">The router whose advert caused it, when one did.</param>
/// <param name="PeerPriority">That advert's priority.</param>
public sealed record RoleChangeEvent(
    long Sequence,
    string Instance,
    HaRole From,
    HaRole To,
    VrrpTransitionReason Reason,
    byte Priority,
    DateTimeOffset At,
    Ipv4Address? Peer = null,
    byte? PeerPriority = null)
{
    /// <summary>keepalived's state words for notify programs: MASTER, BACKUP, or STOP when the instance stops.</summary>
    public static string StateWord(HaRole role) => role switch
    {
        HaRole.Master => "MASTER",
        HaRole.Backup => "BACKUP",
        _ => "STOP",
    };

    /// <summary>
    /// The line the host prints per change: <c>vrid51: role BACKUP -> MASTER (MasterDown) priority 100</c>, plus the
    /// peer when an advert caused it. Roles are spelled INITIALIZE, BACKUP, MASTER (RFC 5798 §6.4).
    /// </summary>
    public override string ToString()
    {
        var line = $"{Instance}: role {Word(From)} -> {Word(To)} ({Reason}) priority {Priority}";
        return Peer is { } peer ? $"{line} peer {peer} priority {PeerPriority}" : line;
    }

    private static string Word(HaRole role) => role.ToString().ToUpperInvariant();
}
