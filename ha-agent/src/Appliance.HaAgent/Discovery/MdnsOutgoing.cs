using System.Net;

namespace Appliance.HaAgent.Discovery;

/// <summary>A message the pure logic wants sent, and where: the group 224.0.0.251:5353 or one querier (unicast).</summary>
public sealed record MdnsOutgoing(DnsMessage Message, IPEndPoint Destination)
{
    /// <summary>A message to the group.</summary>
    public static MdnsOutgoing Multicast(DnsMessage message) => new(message, MdnsConstants.Ipv4EndPoint);

    public bool IsMulticast => Destination.Equals(MdnsConstants.Ipv4EndPoint);
}
