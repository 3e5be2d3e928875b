using Appliance.HaAgent.Configuration;
using Appliance.HaAgent.Net;
using Appliance.HaAgent.Vrrp;

namespace Appliance.HaAgent.Driver;

/// <summary>What the driver of one virtual router needs beyond its seams.</summary>
/// <param name="Instance">The state machine's options (VRID, primary address, priority, interval, preemption).</param>
/// <param name="VirtualAddresses">The VIPs with their devices, added on becoming master and removed on leaving.</param>
/// <param name="Destinations">Where adverts go: 224.0.0.18, or each <c>unicast_peer</c> (RFC 5798 §5.1.1.2).</param>
/// <param name="Garp">GARP timing (<c>garp_*</c> keywords).</param>
/// <param name="Authenticator">Our HMAC trailer, when <c>auth_key_file</c> is set; null = plain VRRPv3.</param>
/// <param name="AllowedSources">Unicast mode: only these senders are accepted; null = any (multicast).</param>
public sealed record VrrpDriverOptions(
    VrrpInstanceOptions Instance,
    IReadOnlyList<InterfaceAddress> VirtualAddresses,
    IReadOnlyList<Ipv4Address> Destinations,
    GarpConfig Garp,
    VrrpAuthenticator? Authenticator = null,
    IReadOnlySet<Ipv4Address>? AllowedSources = null)
{
    /// <summary>The instance's name in events and notify arguments: <c>vrid</c> and the VRID, e.g. <c>vrid51</c>.</summary>
    public string Name => $"vrid{Instance.VirtualRouterId}";

    /// <summary>The driver options for a validated <c>ha</c> section and the address adverts leave from.</summary>
    public static VrrpDriverOptions From(HaConfig config, Ipv4Address primaryAddress, VrrpAuthenticator? authenticator)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new VrrpDriverOptions(
            config.ToInstanceOptions(primaryAddress),
            config.ResolvedVirtualAddresses,
            config.IsUnicast ? config.UnicastPeers : [Ipv4Address.VrrpMulticast],
            config.Garp,
            authenticator,
            config.IsUnicast ? new HashSet<Ipv4Address>(config.UnicastPeers) : null);
    }
}
