namespace Appliance.HaAgent.Discovery;

/// <summary>One question of a DNS message.</summary>
/// <param name="Name">QNAME.</param>
/// <param name="Type">QTYPE; <see cref="DnsRecordType.Any"/> asks for every type.</param>
/// <param name="UnicastResponse">
/// The top bit of QCLASS in mDNS: the querier prefers a unicast answer ("QU", RFC 6762 §5.4). Default false ("QM").
/// </param>
/// <param name="Class">QCLASS without that bit: 1 = IN (the default), 255 = ANY.</param>
public sealed record DnsQuestion(DnsName Name, DnsRecordType Type, bool UnicastResponse = false, ushort Class = DnsClass.Internet);
