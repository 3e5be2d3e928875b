namespace Appliance.HaAgent.Vrrp;

/// <summary>What the driver must do for a decision, in the order the decision lists them.</summary>
public enum VrrpActionKind
{
    /// <summary>Send one advertisement with <see cref="VrrpAction.Priority"/> and the configured interval.</summary>
    SendAdvert,

    /// <summary>Add the virtual addresses to their interfaces.</summary>
    AddVirtualAddresses,

    /// <summary>Remove the virtual addresses; also done on start-up so a crashed predecessor leaves none behind.</summary>
    RemoveVirtualAddresses,

    /// <summary>Send a gratuitous ARP burst for every virtual address (RFC 5798 §6.4.1, §6.4.2); see <see cref="VrrpAction.GarpReason"/>.</summary>
    SendGarpBurst,

    /// <summary>Stop every GARP burst and refresh under way, keeping the addresses (planned switchover, make-before-break).</summary>
    StopGarp,
}
