namespace Appliance.HaAgent.Net;

/// <summary>
/// The seam to the kernel's addresses (netlink or iproute2 behind it). The driver calls it for the state machine's
/// <c>AddVirtualAddresses</c> and <c>RemoveVirtualAddresses</c> actions, and removes on start-up and on every exit
/// path so a crash never leaves a VIP behind (DESIGN: the keepalived kill -9 failure).
/// </summary>
public interface IVipManager
{
    /// <summary>Adds each address; one already present is not an error (idempotent).</summary>
    Task AddAsync(IReadOnlyList<InterfaceAddress> addresses, CancellationToken cancellationToken);

    /// <summary>Removes each address; one already absent is not an error (idempotent).</summary>
    Task RemoveAsync(IReadOnlyList<InterfaceAddress> addresses, CancellationToken cancellationToken);

    /// <summary>The primary IPv4 address of <paramref name="device"/> (the advert's source without <c>unicast_src_ip</c>), or null when it has none.</summary>
    Task<Ipv4Address?> GetPrimaryAddressAsync(string device, CancellationToken cancellationToken);
}
