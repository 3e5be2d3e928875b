using System.Net;
using System.Net.Sockets;

namespace Appliance.HaAgent.Discovery;

/// <summary>A or AAAA RDATA: one IPv4 address (4 bytes) or one IPv6 address (16 bytes), by the address's family.</summary>
public sealed class AddressData : DnsRecordData
{
    public AddressData(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"{address} is neither IPv4 nor IPv6", nameof(address));
        }

        Address = address;
    }

    public IPAddress Address { get; }

    public override DnsRecordType Type => Address.AddressFamily == AddressFamily.InterNetwork ? DnsRecordType.A : DnsRecordType.Aaaa;

    public override string ToString() => Address.ToString();

    internal override void Write(DnsWireWriter writer) => writer.WriteBytes(Address.GetAddressBytes());
}
