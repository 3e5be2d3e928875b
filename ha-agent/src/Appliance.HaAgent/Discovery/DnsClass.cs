namespace Appliance.HaAgent.Discovery;

/// <summary>The DNS classes mDNS uses, and the top bit it borrows from the class field (RFC 6762 §18.12, §18.13).</summary>
public static class DnsClass
{
    /// <summary>IN, the Internet (RFC 1035 §3.2.4).</summary>
    public const ushort Internet = 1;

    /// <summary>ANY in a question (RFC 1035 §3.2.5).</summary>
    public const ushort Any = 255;

    /// <summary>
    /// The top bit of the class: in a question the unicast-response bit (§5.4), in a record the cache-flush bit (§10.2).
    /// </summary>
    public const ushort TopBit = 0x8000;
}
