using System.Net;

namespace Appliance.HaAgent.Discovery;

/// <summary>
/// What a <see cref="MdnsResponder"/> announces: one DNS-SD service instance <c>Instance.Service.local</c> (RFC 6763
/// §4.1) whose SRV points at <c>Host.local</c> with the given addresses. Immutable.
/// </summary>
/// <param name="Instance">The instance label (1..63 bytes of UTF-8, RFC 6763 §4.1.1), for example the node name.</param>
/// <param name="ServiceType">Two labels, <c>_service._tcp</c> or <c>_service._udp</c> (RFC 6763 §7).</param>
/// <param name="Host">The host label (letters, digits and hyphens) its SRV record points at.</param>
/// <param name="Port">The port in the SRV record.</param>
/// <param name="Txt">The TXT record's key=value pairs, in order (RFC 6763 §6).</param>
/// <param name="Addresses">The host's A (and AAAA) addresses.</param>
public sealed record ServiceRegistration(
    string Instance,
    string ServiceType,
    string Host,
    ushort Port,
    IReadOnlyList<KeyValuePair<string, string>> Txt,
    IReadOnlyList<IPAddress> Addresses)
{
    /// <summary><c>ServiceType.local</c>.</summary>
    public DnsName ServiceName => DnsName.Parse(ServiceType).IsAtOrBelow(MdnsConstants.LocalDomain)
        ? DnsName.Parse(ServiceType)
        : DnsName.FromLabels([.. DnsName.Parse(ServiceType).Labels, .. MdnsConstants.LocalDomain.Labels]);
}
