namespace Appliance.HaAgent.Vrrp;

/// <summary>One thing the driver must do. Build with the factory members; fields that do not apply to a kind stay default.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Priority">For <see cref="VrrpActionKind.SendAdvert"/>: the priority to advertise (0 on shutdown).</param>
/// <param name="GarpReason">For <see cref="VrrpActionKind.SendGarpBurst"/>: why the burst is sent.</param>
public readonly record struct VrrpAction(VrrpActionKind Kind, byte Priority = 0, GarpReason GarpReason = GarpReason.None)
{
    /// <summary>Send an advertisement carrying <paramref name="priority"/>.</summary>
    public static VrrpAction SendAdvert(byte priority) => new(VrrpActionKind.SendAdvert, priority);

    /// <summary>Add the virtual addresses.</summary>
    public static VrrpAction AddVirtualAddresses => new(VrrpActionKind.AddVirtualAddresses);

    /// <summary>Remove the virtual addresses.</summary>
    public static VrrpAction RemoveVirtualAddresses => new(VrrpActionKind.RemoveVirtualAddresses);

    /// <summary>Stop the GARP schedule (a resigned master keeps its addresses but must not pull clients back).</summary>
    public static VrrpAction StopGarp => new(VrrpActionKind.StopGarp);

    /// <summary>Send a gratuitous ARP burst.</summary>
    public static VrrpAction SendGarpBurst(GarpReason reason) => new(VrrpActionKind.SendGarpBurst, GarpReason: reason);
}
