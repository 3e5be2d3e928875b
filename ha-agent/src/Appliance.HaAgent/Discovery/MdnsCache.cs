namespace Appliance.HaAgent.Discovery;

/// <summary>
/// The browser's record cache (RFC 6762 §10); pure. A record lives for its TTL; a goodbye (TTL 0) leaves it one more second
/// (§10.1); a record with the cache-flush bit leaves the other records of its name, type and class one more second unless
/// they arrived within the last second (§10.2). Each record is re-queried at 80, 85, 90 and 95 % of its TTL plus a random
/// 0..2 % (§5.2), so a live peer is refreshed before it expires.
/// </summary>
internal sealed class MdnsCache(Random random)
{
    private readonly List<CacheEntry> _entries = [];

    public IReadOnlyList<CacheEntry> Entries => _entries;

    /// <summary>The earliest expiry or refresh point, or null when empty.</summary>
    public TimeSpan? NextDeadline =>
        _entries.Count == 0 ? null : _entries.Min(e => e.NextRefresh is { } r && r < e.Expires ? r : e.Expires);

    /// <summary>Adds or renews <paramref name="record"/> received at <paramref name="now"/>.</summary>
    public void Add(DnsRecord record, TimeSpan now)
    {
        var existing = _entries.Find(e => e.Record.IsSameRecord(record));
        if (record.Ttl == 0)
        {
            if (existing is not null)
            {
                existing.Expires = Min(existing.Expires, now + MdnsConstants.GoodbyeGrace);
                existing.NextRefresh = null;
            }

            return;
        }

        if (record.CacheFlush)
        {
            foreach (var stale in _entries.Where(e => e.Record.Name == record.Name && e.Record.Type == record.Type
                && e.Record.Class == record.Class && !e.Record.IsSameRecord(record) && now - e.Received > MdnsConstants.CacheFlushSpare))
            {
                stale.Expires = Min(stale.Expires, now + MdnsConstants.GoodbyeGrace);
                stale.NextRefresh = null;
            }
        }

        if (existing is null)
        {
            existing = new CacheEntry(record, now);
            _entries.Add(existing);
        }

        existing.Record = record;
        existing.Received = now;
        existing.Expires = now + TimeSpan.FromSeconds(record.Ttl);
        existing.RefreshesDone = 0;
        existing.NextRefresh = RefreshPoint(existing);
    }

    /// <summary>Removes and returns the records expired at <paramref name="now"/>.</summary>
    public IReadOnlyList<DnsRecord> Expire(TimeSpan now)
    {
        var gone = _entries.Where(e => e.Expires <= now).Select(e => e.Record).ToList();
        _entries.RemoveAll(e => e.Expires <= now);
        return gone;
    }

    /// <summary>The records due for a refresh query at <paramref name="now"/>; each refresh point is passed once.</summary>
    public IReadOnlyList<DnsRecord> TakeRefreshes(TimeSpan now)
    {
        var due = new List<DnsRecord>();
        foreach (var entry in _entries.Where(e => e.NextRefresh is { } r && r <= now))
        {
            due.Add(entry.Record);
            entry.RefreshesDone++;
            entry.NextRefresh = RefreshPoint(entry);
        }

        return due;
    }

    /// <summary>The live records named <paramref name="name"/> of <paramref name="type"/>, newest first.</summary>
    public IEnumerable<DnsRecord> Find(DnsName name, DnsRecordType type) =>
        _entries.Where(e => e.Record.Name == name && e.Record.Type == type).OrderByDescending(e => e.Received).Select(e => e.Record);

    /// <summary>Records of <paramref name="name"/> and <paramref name="type"/> a querier may list as known answers: more than half the TTL left (§7.1).</summary>
    public IEnumerable<DnsRecord> KnownAnswers(DnsName name, DnsRecordType type, TimeSpan now) =>
        _entries
            .Where(e => e.Record.Name == name && e.Record.Type == type && e.Expires - now > TimeSpan.FromSeconds(e.Record.Ttl / 2.0))
            .Select(e => e.Record.WithTtl((uint)Math.Max(0, (e.Expires - now).TotalSeconds)));

    private TimeSpan? RefreshPoint(CacheEntry entry)
    {
        if (entry.RefreshesDone >= MdnsConstants.RefreshFractions.Count)
        {
            return null;
        }

        var fraction = MdnsConstants.RefreshFractions[entry.RefreshesDone] + (random.NextDouble() * MdnsConstants.RefreshJitter);
        return entry.Received + TimeSpan.FromSeconds(entry.Record.Ttl * fraction);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
