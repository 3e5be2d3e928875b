namespace Appliance.HaAgent.Discovery;

/// <summary>One cached record: when it arrived, when it expires and when it is next re-queried. Owned by <see cref="MdnsCache"/>.</summary>
internal sealed class CacheEntry(DnsRecord record, TimeSpan received)
{
    public DnsRecord Record { get; set; } = record;

    public TimeSpan Received { get; set; } = received;

    public TimeSpan Expires { get; set; }

    /// <summary>The next refresh query (80, 85, 90, 95 % of the TTL), or null when all were sent or it is going away.</summary>
    public TimeSpan? NextRefresh { get; set; }

    /// <summary>How many of the four refresh points have passed.</summary>
    public int RefreshesDone { get; set; }
}
