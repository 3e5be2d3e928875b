namespace Appliance.Host.Privileges;

/// <summary>The Linux capabilities the appliance keeps after dropping root (include/uapi/linux/capability.h numbers).</summary>
internal static class Capability
{
    /// <summary>CAP_NET_BIND_SERVICE: a reload that adds a listener on a port below 1024.</summary>
    public const int NetBindService = 10;

    /// <summary>CAP_NET_ADMIN: VIP add/remove over rtnetlink, SO_BINDTODEVICE.</summary>
    public const int NetAdmin = 12;

    /// <summary>CAP_NET_RAW: the raw IPPROTO_VRRP sockets (adverts) and AF_PACKET (gratuitous ARP).</summary>
    public const int NetRaw = 13;

    /// <summary>CAP_SYS_NICE: the advert threads' nice −10 (DESIGN: nothing may delay an advert).</summary>
    public const int SysNice = 23;

    /// <summary>Every capability kept, in number order.</summary>
    public static IReadOnlyList<int> Kept { get; } = [NetBindService, NetAdmin, NetRaw, SysNice];

    /// <summary>The low 32-bit word of a capability set holding <paramref name="capabilities"/> (all are below 32).</summary>
    public static uint Mask(IEnumerable<int> capabilities) =>
        capabilities.Aggregate(0u, (mask, capability) => mask | (1u << capability));

    /// <summary>The kernel's name of a kept capability.</summary>
    public static string Name(int capability) => capability switch
    {
        NetBindService => "CAP_NET_BIND_SERVICE",
        NetAdmin => "CAP_NET_ADMIN",
        NetRaw => "CAP_NET_RAW",
        SysNice => "CAP_SYS_NICE",
        _ => $"capability {capability}",
    };
}
