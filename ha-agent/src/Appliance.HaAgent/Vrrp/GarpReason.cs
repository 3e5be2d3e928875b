namespace Appliance.HaAgent.Vrrp;

/// <summary>Why a gratuitous ARP burst is sent, so the event stream and counters can tell the cases apart.</summary>
public enum GarpReason
{
    /// <summary>Not a GARP action.</summary>
    None,

    /// <summary>This router became master (RFC 5798 §6.4.1, §6.4.2).</summary>
    BecameMaster,

    /// <summary>Another router claimed mastership and lost to us; hosts may hold its MAC for the virtual addresses.</summary>
    DualMasterDetected,

    /// <summary>The losing master has gone quiet; one more burst so ours is the last word on the network.</summary>
    DualMasterResolved,
}
