namespace Appliance.HaAgent.Vrrp;

/// <summary>Why the role changed; each value names the RFC 5798 §6.4 rule that fired.</summary>
public enum VrrpTransitionReason
{
    /// <summary>Startup with priority 255: the address owner becomes master at once (§6.4.1).</summary>
    StartupAsOwner,

    /// <summary>Startup with a priority below 255: wait as backup (§6.4.1).</summary>
    StartupAsBackup,

    /// <summary>Master_Down_Timer fired: no acceptable advert within Master_Down_Interval (§6.4.2).</summary>
    MasterDown,

    /// <summary>A master received an advert with a higher priority (§6.4.3).</summary>
    HigherPriorityAdvert,

    /// <summary>A master received an advert with its own priority from a greater primary address (§6.4.3).</summary>
    EqualPriorityHigherAddress,

    /// <summary>The Shutdown event (§6.4.2, §6.4.3).</summary>
    Shutdown,

    /// <summary>A planned switchover: the master advertised priority 0 as on Shutdown (§6.4.3) but stays running as a held backup.</summary>
    Resigned,

    /// <summary>
    /// The master's process was reported gone (its port refused a connection) and Master_Down_Timer fired after
    /// Skew_Time, as after a priority-0 advert (§6.4.2): the fast path of docs/ha.md, not the full Master_Down_Interval.
    /// </summary>
    MasterProcessGone,
}
