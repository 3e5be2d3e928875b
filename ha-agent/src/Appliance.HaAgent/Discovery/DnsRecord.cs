namespace Appliance.HaAgent.Discovery;

/// <summary>One resource record.</summary>
/// <param name="Name">The owner name.</param>
/// <param name="Data">The RDATA; its type is the record's type.</param>
/// <param name="Ttl">Seconds; 0 in mDNS is a goodbye (RFC 6762 §10.1).</param>
/// <param name="CacheFlush">
/// The top bit of the class in mDNS: this record replaces every cached record of the same name, type and class (RFC 6762
/// §10.2). Set only on unique records. Default false.
/// </param>
/// <param name="Class">The class without that bit: 1 = IN (the default).</param>
public sealed record DnsRecord(DnsName Name, DnsRecordData Data, uint Ttl, bool CacheFlush = false, ushort Class = DnsClass.Internet)
{
    public DnsRecordType Type => Data.Type;

    /// <summary>The same record with another TTL.</summary>
    public DnsRecord WithTtl(uint ttl) => this with { Ttl = ttl };

    /// <summary>True when name, type, class and RDATA are equal (TTL and the cache-flush bit aside).</summary>
    public bool IsSameRecord(DnsRecord other) =>
        other is not null && other.Class == Class && other.Name == Name && other.Data.Equals(Data);

    public override string ToString() => $"{Name} {Ttl} {Type.Mnemonic()}{(CacheFlush ? " flush" : string.Empty)} {Data}";
}
