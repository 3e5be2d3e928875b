namespace Appliance.HaAgent.Discovery;

/// <summary>
/// One DNS message (RFC 1035 §4.1). In mDNS the ID is 0 on multicast (RFC 6762 §18.1), responses set QR and AA
/// (§18.2, §18.4), the opcode and RCODE are 0 (§18.3, §18.11), and a query with TC set continues in the next packet (§7.2).
/// </summary>
/// <param name="Id">The transaction ID. Default 0.</param>
/// <param name="IsResponse">QR.</param>
/// <param name="Opcode">4 bits; 0 = standard query, the only one mDNS uses.</param>
/// <param name="Authoritative">AA.</param>
/// <param name="Truncated">TC.</param>
/// <param name="RecursionDesired">RD; unused in mDNS.</param>
/// <param name="ResponseCode">RCODE, 4 bits.</param>
/// <param name="Questions">The question section.</param>
/// <param name="Answers">The answer section.</param>
/// <param name="Authorities">The authority section (a probe's proposed records, RFC 6762 §8.2).</param>
/// <param name="Additionals">The additional section.</param>
public sealed record DnsMessage(
    ushort Id,
    bool IsResponse,
    byte Opcode,
    bool Authoritative,
    bool Truncated,
    bool RecursionDesired,
    byte ResponseCode,
    IReadOnlyList<DnsQuestion> Questions,
    IReadOnlyList<DnsRecord> Answers,
    IReadOnlyList<DnsRecord> Authorities,
    IReadOnlyList<DnsRecord> Additionals)
{
    /// <summary>A multicast query: ID 0, no flags.</summary>
    public static DnsMessage Query(IReadOnlyList<DnsQuestion> questions, IReadOnlyList<DnsRecord>? knownAnswers = null, IReadOnlyList<DnsRecord>? authorities = null) =>
        new(0, false, 0, false, false, false, 0, questions, knownAnswers ?? [], authorities ?? [], []);

    /// <summary>A multicast response: ID 0, QR and AA set, no questions (RFC 6762 §6).</summary>
    public static DnsMessage Response(IReadOnlyList<DnsRecord> answers, IReadOnlyList<DnsRecord>? additionals = null) =>
        new(0, true, 0, true, false, false, 0, [], answers, [], additionals ?? []);

    /// <summary>Every record of the answer, authority and additional sections.</summary>
    public IEnumerable<DnsRecord> AllRecords => Answers.Concat(Authorities).Concat(Additionals);
}
