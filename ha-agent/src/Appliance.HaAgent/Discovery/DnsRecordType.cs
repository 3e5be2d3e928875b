namespace Appliance.HaAgent.Discovery;

/// <summary>The resource record types the codec knows (IANA DNS parameters); any other type is kept as opaque data.</summary>
public enum DnsRecordType : ushort
{
    /// <summary>An IPv4 address (RFC 1035 §3.4.1).</summary>
    A = 1,

    /// <summary>A domain name pointer (RFC 1035 §3.3.12); DNS-SD's service enumeration (RFC 6763 §4).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "PTR is the record type's mnemonic (RFC 1035).")]
    Ptr = 12,

    /// <summary>Text strings (RFC 1035 §3.3.14); DNS-SD's key=value pairs (RFC 6763 §6).</summary>
    Txt = 16,

    /// <summary>An IPv6 address (RFC 3596 §2.1).</summary>
    Aaaa = 28,

    /// <summary>Service location: priority, weight, port, target host (RFC 2782).</summary>
    Srv = 33,

    /// <summary>Next secure: in mDNS, the types a name has, for negative answers (RFC 6762 §6.1).</summary>
    Nsec = 47,

    /// <summary>The query type ANY (RFC 1035 §3.2.3); probes ask it (RFC 6762 §8.1).</summary>
    Any = 255,
}
