using Appliance.HaAgent.Net;

namespace Appliance.HaAgent.Configuration;

/// <summary>One <c>virtual_ipaddress ADDR[/PREFIX] [dev IF]</c>.</summary>
/// <param name="Address">The floating IPv4 address.</param>
/// <param name="PrefixLength">Prefix length 0..32; 32 when the line gives none (as keepalived).</param>
/// <param name="Device">The interface to add it to; null means the section's <c>interface</c>.</param>
public sealed record VirtualAddressConfig(Ipv4Address Address, int PrefixLength, string? Device)
{
    public override string ToString() => Device is null ? $"{Address}/{PrefixLength}" : $"{Address}/{PrefixLength} dev {Device}";
}
