using Appliance.Contracts.Replication;
using Appliance.ProxyCore.Configuration;

namespace Appliance.ProxyCore.StickTables;

/// <summary>
/// One stick table: keys mapped to server names, bounded by <c>size</c>, each entry expiring <c>expire</c> after it was
/// last created, refreshed or matched (HAProxy's rule). The entries form a list ordered by expiry, so the sweep and
/// the eviction of a full table (expired entries first, then the least recently used, unless <c>nopurge</c>) both
/// work from its tail in constant time per entry. Thread-safe: one short lock per operation, and lookups allocate
/// nothing. Changes made here (not those applied from a peer) are reported to <see cref="Observer"/>: every creation
/// and change of server, and a refresh at most once per expire/8 per entry so a replica's expiry stays close.
/// </summary>
public sealed class StickTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<UInt128, StickTableEntry> _numbers = [];
    private readonly Dictionary<string, StickTableEntry> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StickTableEntry>.AlternateLookup<ReadOnlySpan<char>> _textLookup;
    private readonly TimeProvider _time;
    private StickTableConfig _config;
    private StickTableEntry? _head;
    private StickTableEntry? _tail;
    private long _expireTicks;
    private IStickTableObserver? _observer;

    public StickTable(StickTableConfig config, TimeProvider time)
    {
        _textLookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
        _time = time;
        _config = config;
        _expireTicks = Ticks(config.Expire);
    }

    public string Name => _config.Name;

    public StickKeyType KeyType => _config.KeyType;

    /// <summary>The configuration in force (a reload that keeps the table may change size, expire and the rest).</summary>
    public StickTableConfig Config => Volatile.Read(ref _config);

    /// <summary>Entries held now, expired ones not yet swept included.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _numbers.Count + _texts.Count;
            }
        }
    }

    /// <summary>Told of local changes; set by <see cref="StickTableRegistry"/> for replicated tables only.</summary>
    internal IStickTableObserver? Observer
    {
        get => Volatile.Read(ref _observer);
        set => Volatile.Write(ref _observer, value);
    }

    /// <summary>The server <paramref name="key"/> sticks to, refreshing the entry; null when absent or expired.</summary>
    public string? Match(in StickLookupKey key)
    {
        StickEntry? report = null;
        string? server = null;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (Find(key) is { } entry && !Expired(entry, now))
            {
                server = entry.Server;
                Refresh(entry, now);
                report = RefreshReport(entry, now);
            }
        }

        Report(report);
        return server;
    }

    /// <summary>
    /// Stores <paramref name="key"/> with <paramref name="server"/>: updates and refreshes an existing entry, else creates
    /// one, making room as HAProxy does. False when the table is full and <c>nopurge</c> forbids eviction.
    /// </summary>
    public bool Store(in StickLookupKey key, string server)
    {
        StickEntry? report;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var entry = Find(key);
            if (entry is not null && Expired(entry, now))
            {
                Unlink(entry);
                entry = null;
            }

            if (entry is not null)
            {
                var changed = !string.Equals(entry.Server, server, StringComparison.Ordinal);
                entry.Server = server;
                Refresh(entry, now);
                report = changed ? ReportNow(entry, now) : RefreshReport(entry, now);
            }
            else
            {
                if (!MakeRoom(now))
                {
                    return false;
                }

                entry = Create(key, server);
                entry.ExpiresAt = Deadline(now, _expireTicks);
                InsertSorted(entry);
                report = ReportNow(entry, now);
            }
        }

        Report(report);
        return true;
    }

    /// <summary>
    /// Stores an entry learned from a peer, without telling the observer. Its remaining lifetime is capped at this
    /// table's <c>expire</c>. False when the key is not one of this table's type or the table is full under <c>nopurge</c>.
    /// </summary>
    public bool Apply(StickKey key, string server, TimeSpan expiresIn)
    {
        if (key.Type != KeyType || !StickKeys.TryParse(key, Config.KeyLength, out var parsed))
        {
            return false;
        }

        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var remaining = expiresIn == Timeout.InfiniteTimeSpan ? long.MaxValue : Math.Max(0, Ticks(expiresIn));
            var expiresAt = Deadline(now, Math.Min(remaining, _expireTicks));
            var entry = Find(parsed);
            if (entry is null)
            {
                if (!MakeRoom(now))
                {
                    return false;
                }

                entry = Create(parsed, server);
            }
            else
            {
                Detach(entry);
                entry.Server = server;
            }

            entry.ExpiresAt = expiresAt;
            entry.ReportedAt = now;
            InsertSorted(entry);
            return true;
        }
    }

    /// <summary>Removes an entry; <paramref name="local"/> (an operator's request) tells the observer, a peer's removal does not.</summary>
    public bool Remove(StickKey key, bool local)
    {
        if (key.Type != KeyType || !StickKeys.TryParse(key, Config.KeyLength, out var parsed))
        {
            return false;
        }

        lock (_gate)
        {
            if (Find(parsed) is not { } entry)
            {
                return false;
            }

            Unlink(entry);
        }

        if (local)
        {
            Observer?.OnRemoved(Name, key);
        }

        return true;
    }

    /// <summary>Every live entry, the soonest to expire first (a replica that applies them in order keeps its list sorted cheaply).</summary>
    public IReadOnlyList<StickEntry> Snapshot()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var entries = new List<StickEntry>(_numbers.Count + _texts.Count);
            for (var entry = _tail; entry is not null; entry = entry.Later)
            {
                if (!Expired(entry, now))
                {
                    entries.Add(ToEntry(entry, now));
                }
            }

            return entries;
        }
    }

    /// <summary>Removes the expired entries; returns how many. Driven by the registry's timer.</summary>
    public int Sweep()
    {
        lock (_gate)
        {
            return PurgeExpired(_time.GetTimestamp());
        }
    }

    /// <summary>Applies a reloaded configuration of the same name and key type; a smaller size evicts the oldest entries.</summary>
    internal void Reconfigure(StickTableConfig config)
    {
        lock (_gate)
        {
            Volatile.Write(ref _config, config);
            _expireTicks = Ticks(config.Expire);
            var now = _time.GetTimestamp();
            PurgeExpired(now);
            while (_tail is not null && _numbers.Count + _texts.Count > config.Size)
            {
                Unlink(_tail);
            }
        }
    }

    private StickTableEntry? Find(in StickLookupKey key) =>
        key.IsText
            ? (_textLookup.TryGetValue(key.Text, out var text) ? text : null)
            : (_numbers.TryGetValue(key.Number, out var number) ? number : null);

    private StickTableEntry Create(in StickLookupKey key, string server)
    {
        if (key.IsText)
        {
            var entry = new StickTableEntry(0, key.Text.ToString(), server);
            _texts.Add(entry.Text!, entry);
            return entry;
        }

        var created = new StickTableEntry(key.Number, null, server);
        _numbers.Add(key.Number, created);
        return created;
    }

    /// <summary>HAProxy's order when full: expired entries go first, then the least recently used, unless <c>nopurge</c>.</summary>
    private bool MakeRoom(long now)
    {
        if (_numbers.Count + _texts.Count < _config.Size)
        {
            return true;
        }

        PurgeExpired(now);
        if (_numbers.Count + _texts.Count < _config.Size)
        {
            return true;
        }

        if (_config.NoPurge || _tail is null)
        {
            return false;
        }

        Unlink(_tail);
        return true;
    }

    private int PurgeExpired(long now)
    {
        var purged = 0;
        while (_tail is not null && Expired(_tail, now))
        {
            Unlink(_tail);
            purged++;
        }

        return purged;
    }

    private void Refresh(StickTableEntry entry, long now)
    {
        Detach(entry);
        entry.ExpiresAt = Deadline(now, _expireTicks);
        InsertSorted(entry);
    }

    /// <summary>A refresh is reported when the last report is older than expire/8 (never for tables without expire).</summary>
    private StickEntry? RefreshReport(StickTableEntry entry, long now) =>
        _observer is not null && _expireTicks != long.MaxValue && now - entry.ReportedAt >= _expireTicks / 8 ? ReportNow(entry, now) : null;

    private StickEntry? ReportNow(StickTableEntry entry, long now)
    {
        if (_observer is null)
        {
            return null;
        }

        entry.ReportedAt = now;
        return ToEntry(entry, now);
    }

    private void Report(StickEntry? entry)
    {
        if (entry is { } value)
        {
            Observer?.OnStored(value);
        }
    }

    private StickEntry ToEntry(StickTableEntry entry, long now) => new(
        Name, StickKeys.ToKey(KeyType, entry), entry.Server,
        entry.ExpiresAt == long.MaxValue ? Timeout.InfiniteTimeSpan : _time.GetElapsedTime(now, entry.ExpiresAt));

    /// <summary>Inserts keeping the list ordered by expiry, latest at the head; a local refresh stops at the head at once.</summary>
    private void InsertSorted(StickTableEntry entry)
    {
        var after = _head;
        StickTableEntry? before = null;
        while (after is not null && after.ExpiresAt > entry.ExpiresAt)
        {
            before = after;
            after = after.Sooner;
        }

        entry.Later = before;
        entry.Sooner = after;
        if (before is null)
        {
            _head = entry;
        }
        else
        {
            before.Sooner = entry;
        }

        if (after is null)
        {
            _tail = entry;
        }
        else
        {
            after.Later = entry;
        }
    }

    private void Detach(StickTableEntry entry)
    {
        if (entry.Later is null)
        {
            _head = entry.Sooner;
        }
        else
        {
            entry.Later.Sooner = entry.Sooner;
        }

        if (entry.Sooner is null)
        {
            _tail = entry.Later;
        }
        else
        {
            entry.Sooner.Later = entry.Later;
        }

        entry.Later = null;
        entry.Sooner = null;
    }

    private void Unlink(StickTableEntry entry)
    {
        Detach(entry);
        if (entry.Text is not null)
        {
            _texts.Remove(entry.Text);
        }
        else
        {
            _numbers.Remove(entry.Number);
        }
    }

    private static bool Expired(StickTableEntry entry, long now) => entry.ExpiresAt <= now;

    private static long Deadline(long now, long ticks) => ticks == long.MaxValue || now > long.MaxValue - ticks ? long.MaxValue : now + ticks;

    private long Ticks(TimeSpan? span) =>
        span is not { } value ? long.MaxValue : (long)Math.Min(value.TotalSeconds * _time.TimestampFrequency, long.MaxValue / 2);
}
