namespace Appliance.HaAgent.Net;

/// <summary>An address with its prefix on a named interface, as <c>ip addr add ADDR/PREFIX dev DEVICE</c> takes it.</summary>
/// <param name="Device">The interface name.</param>
/// <param name="Address">The IPv4 address.</param>
/// <param name="PrefixLength">Prefix length 0..32.</param>
public sealed record InterfaceAddress(string Device, Ipv4Address Address, int PrefixLength)
{
    public override string ToString() => $"{Address}/{PrefixLength} dev {Device}";
}
