using System.Net;

namespace Appliance.HaAgent.Discovery;

/// <summary>The numbers of Multicast DNS (RFC 6762) and DNS-SD (RFC 6763) this implementation uses, each with its source.</summary>
public static class MdnsConstants
{
    /// <summary>UDP port 5353 (RFC 6762 §3).</summary>
    public const int Port = 5353;

    /// <summary>TTL of records that carry a host name or follow one: SRV, A, AAAA and the host's NSEC, 120 s (RFC 6762 §10).</summary>
    public const uint HostRecordTtl = 120;

    /// <summary>TTL of the other records: PTR, TXT and the instance's NSEC, 75 minutes (RFC 6762 §10).</summary>
    public const uint OtherRecordTtl = 4500;

    /// <summary>A legacy unicast answer carries TTLs of at most 10 s (RFC 6762 §6.7).</summary>
    public const uint LegacyUnicastMaxTtl = 10;

    /// <summary>The largest message we accept: 9000 bytes, the jumbo-frame bound (RFC 6762 §17).</summary>
    public const int MaxMessageLength = 9000;

    /// <summary>The IPv4 group 224.0.0.251 (RFC 6762 §3).</summary>
    public static IPAddress Ipv4Group { get; } = IPAddress.Parse("224.0.0.251");

    /// <summary>The group and port multicast messages go to.</summary>
    public static IPEndPoint Ipv4EndPoint { get; } = new(Ipv4Group, Port);

    /// <summary>The domain mDNS names live in (RFC 6762 §3).</summary>
    public static DnsName LocalDomain { get; } = DnsName.Parse("local");

    /// <summary>The DNS-SD service type enumeration name (RFC 6763 §9).</summary>
    public static DnsName ServiceTypeEnumeration { get; } = DnsName.Parse("_services._dns-sd._udp.local");

    /// <summary>A first probe waits a random 0..250 ms (RFC 6762 §8.1).</summary>
    public static TimeSpan ProbeInitialDelayMax { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Probes are 250 ms apart, and the name is ours 250 ms after the third (RFC 6762 §8.1).</summary>
    public static TimeSpan ProbeInterval { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Three probes (RFC 6762 §8.1).</summary>
    public const int ProbeCount = 3;

    /// <summary>Losing a simultaneous-probe tie-break defers probing by one second (RFC 6762 §8.2).</summary>
    public static TimeSpan ProbeTieBreakDelay { get; } = TimeSpan.FromSeconds(1);

    /// <summary>After 15 conflicts within 10 s, probing waits at least 5 s between attempts (RFC 6762 §8.1).</summary>
    public const int ConflictBurst = 15;

    /// <summary>The window of <see cref="ConflictBurst"/>.</summary>
    public static TimeSpan ConflictWindow { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after a conflict burst.</summary>
    public static TimeSpan ConflictBackoff { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Announcements are at least 1 s apart, the interval doubling after each (RFC 6762 §8.3).</summary>
    public static TimeSpan AnnounceInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>A shared-record answer waits a random 20..120 ms so answers from many hosts spread out (RFC 6762 §6).</summary>
    public static TimeSpan SharedAnswerDelayMin { get; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The upper end of that delay.</summary>
    public static TimeSpan SharedAnswerDelayMax { get; } = TimeSpan.FromMilliseconds(120);

    /// <summary>A query with TC set is answered after 400..500 ms, for its known answers to arrive (RFC 6762 §7.2).</summary>
    public static TimeSpan TruncatedAnswerDelayMin { get; } = TimeSpan.FromMilliseconds(400);

    /// <summary>The upper end of that delay.</summary>
    public static TimeSpan TruncatedAnswerDelayMax { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A record is multicast at most once a second (RFC 6762 §6) ...</summary>
    public static TimeSpan MulticastRateLimit { get; } = TimeSpan.FromSeconds(1);

    /// <summary>... except in defence against a probe, where 250 ms is allowed (RFC 6762 §6).</summary>
    public static TimeSpan ProbeDefenceRateLimit { get; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A continuous querier's first two queries are at least 1 s apart, the interval doubling after (RFC 6762 §5.2).</summary>
    public static TimeSpan QueryInitialInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The interval between queries is capped at 60 minutes (RFC 6762 §5.2).</summary>
    public static TimeSpan QueryMaxInterval { get; } = TimeSpan.FromMinutes(60);

    /// <summary>A goodbye (TTL 0) or a cache flush leaves a record one more second (RFC 6762 §10.1, §10.2).</summary>
    public static TimeSpan GoodbyeGrace { get; } = TimeSpan.FromSeconds(1);

    /// <summary>A cache flush spares records received within the last second (RFC 6762 §10.2).</summary>
    public static TimeSpan CacheFlushSpare { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Cached records are re-queried at 80, 85, 90 and 95 % of their TTL, plus 0..2 % (RFC 6762 §5.2).</summary>
    public static IReadOnlyList<double> RefreshFractions { get; } = [0.80, 0.85, 0.90, 0.95];

    /// <summary>The random addition to each refresh point.</summary>
    public const double RefreshJitter = 0.02;
}
