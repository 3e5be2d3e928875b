namespace Appliance.HaAgent.Discovery;

/// <summary>Where a <see cref="MdnsResponder"/> is in RFC 6762's life cycle of a unique name.</summary>
public enum ResponderState
{
    /// <summary>Not started.</summary>
    Idle,

    /// <summary>Probing the instance and host names (§8.1); answers nothing for them yet.</summary>
    Probing,

    /// <summary>The names are ours; unsolicited announcements are still going out (§8.3).</summary>
    Announcing,

    /// <summary>Announced; answering queries and defending the names (§6, §9).</summary>
    Announced,

    /// <summary>Stopped: the goodbye was sent (§10.1) and nothing more is.</summary>
    Stopped,
}
