using System.Net;
using System.Net.Sockets;

namespace Appliance.HaAgent.Discovery;

/// <summary>
/// Browses one DNS-SD service type (RFC 6763 §4) with continuous mDNS querying (RFC 6762 §5.2); pure: messages and the
/// monotonic time in, queries to send and found/updated/lost events out. The driver calls <see cref="OnTimer"/> at
/// <see cref="NextDeadline"/>.
/// <list type="bullet">
/// <item>The PTR query goes out after a random 20..120 ms, then 1 s later, the interval doubling up to
/// <c>maxQueryInterval</c> (default and RFC cap 60 min); each lists as known answers the PTRs cached with more than half
/// their TTL left (§7.1).</item>
/// <item>Every response's PTR, SRV, TXT, NSEC and address records for the service type, its instances and their hosts are
/// cached (<see cref="MdnsCache"/>: TTLs, goodbyes, cache flush, refresh at 80..95 % of the TTL).</item>
/// <item>An instance whose SRV or TXT is missing, or whose host has no address, is asked for directly: at once, then
/// with a per-question interval of 1 s doubling to 60 s while it stays missing.</item>
/// <item>An instance is found once its PTR, SRV, TXT and an address are cached, and lost when any of them expires.</item>
/// </list>
/// </summary>
public sealed class MdnsBrowser
{
    private static readonly TimeSpan FirstQueryDelayMin = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan FirstQueryDelayMax = TimeSpan.FromMilliseconds(120);
    private static readonly TimeSpan ResolveIntervalMax = TimeSpan.FromSeconds(60);

    private readonly Random _random;
    private readonly TimeSpan _maxQueryInterval;
    private readonly MdnsCache _cache;
    private readonly Dictionary<(DnsName Name, DnsRecordType Type), (TimeSpan Next, TimeSpan Interval)> _resolving = [];
    private Dictionary<DnsName, DiscoveredService> _services = [];
    private TimeSpan? _nextQuery;
    private TimeSpan _queryInterval = MdnsConstants.QueryInitialInterval;

    /// <param name="serviceName">The service type with its domain, such as <c>_appliance._tcp.local</c>.</param>
    /// <param name="random">Jitter for the first query and the refresh points.</param>
    /// <param name="maxQueryInterval">The cap on the PTR query interval; default 60 min (RFC 6762 §5.2).</param>
    public MdnsBrowser(DnsName serviceName, Random random, TimeSpan? maxQueryInterval = null)
    {
        ServiceName = serviceName;
        _random = random;
        _maxQueryInterval = maxQueryInterval ?? MdnsConstants.QueryMaxInterval;
        _cache = new MdnsCache(random);
    }

    public DnsName ServiceName { get; }

    /// <summary>The resolved instances now.</summary>
    public IReadOnlyCollection<DiscoveredService> Services => _services.Values;

    /// <summary>When <see cref="OnTimer"/> next has work, or null before <see cref="Start"/>.</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            TimeSpan? next = _nextQuery;
            foreach (var candidate in _resolving.Values.Select(r => r.Next).Append(_cache.NextDeadline ?? TimeSpan.MaxValue))
            {
                next = next is null || candidate < next ? candidate : next;
            }

            return next == TimeSpan.MaxValue ? null : next;
        }
    }

    /// <summary>Schedules the first query after a random 20..120 ms (RFC 6762 §5.2).</summary>
    public BrowserStep Start(TimeSpan now)
    {
        _nextQuery = now + FirstQueryDelayMin + ((FirstQueryDelayMax - FirstQueryDelayMin) * _random.NextDouble());
        return BrowserStep.Empty;
    }

    /// <summary>Sends the due queries and expires what has run out.</summary>
    public BrowserStep OnTimer(TimeSpan now)
    {
        var questions = new List<DnsQuestion>();
        var knownAnswers = new List<DnsRecord>();
        if (_nextQuery is { } due && due <= now)
        {
            questions.Add(new DnsQuestion(ServiceName, DnsRecordType.Ptr));
            knownAnswers.AddRange(_cache.KnownAnswers(ServiceName, DnsRecordType.Ptr, now));
            _nextQuery = now + _queryInterval;
            _queryInterval = Min(_queryInterval * 2, _maxQueryInterval);
        }

        foreach (var record in _cache.TakeRefreshes(now))
        {
            AddQuestion(questions, record.Name, record.Type);
        }

        _cache.Expire(now);
        return Finish(now, questions, knownAnswers);
    }

    /// <summary>Takes in one received message from <paramref name="source"/>.</summary>
    public BrowserStep OnMessage(DnsMessage message, IPEndPoint source, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(source);

        // §6, §11: only responses from port 5353 with opcode and RCODE 0 go into the cache.
        if (!message.IsResponse || message.Opcode != 0 || message.ResponseCode != 0 || source.Port != MdnsConstants.Port)
        {
            return BrowserStep.Empty;
        }

        var records = message.AllRecords.ToList();

        // Instance records first, then addresses, so an A record in the same message as its SRV counts.
        foreach (var record in records.Where(r => IsInstanceRecord(r)))
        {
            _cache.Add(record, now);
        }

        foreach (var record in records.Where(r => r.Type is DnsRecordType.A or DnsRecordType.Aaaa && IsTargetHost(r.Name)))
        {
            _cache.Add(record, now);
        }

        _cache.Expire(now);
        return Finish(now, [], []);
    }

    private bool IsInstanceRecord(DnsRecord record) => record.Type switch
    {
        DnsRecordType.Ptr => record.Name == ServiceName,
        DnsRecordType.Srv or DnsRecordType.Txt => record.Name.Parent == ServiceName,
        DnsRecordType.Nsec => record.Name.Parent == ServiceName || IsTargetHost(record.Name),
        _ => false,
    };

    private bool IsTargetHost(DnsName name) =>
        _cache.Entries.Any(e => e.Record.Data is SrvData srv && srv.Target == name);

    private BrowserStep Finish(TimeSpan now, List<DnsQuestion> questions, List<DnsRecord> knownAnswers)
    {
        var events = Resolve(now, questions);
        var sends = questions.Count == 0 ? [] : new[] { MdnsOutgoing.Multicast(DnsMessage.Query(questions, knownAnswers)) };
        return sends.Length == 0 && events.Count == 0 ? BrowserStep.Empty : new BrowserStep(sends, events);
    }

    /// <summary>Rebuilds the resolved set, asks for what is missing, and lists the changes.</summary>
    private List<ServiceEvent> Resolve(TimeSpan now, List<DnsQuestion> questions)
    {
        var services = new Dictionary<DnsName, DiscoveredService>();
        var missing = new HashSet<(DnsName, DnsRecordType)>();
        foreach (var instance in _cache.Find(ServiceName, DnsRecordType.Ptr).Select(r => ((PtrData)r.Data).Target).Distinct())
        {
            if (instance.Parent != ServiceName)
            {
                continue;
            }

            var srv = _cache.Find(instance, DnsRecordType.Srv).Select(r => (SrvData)r.Data).FirstOrDefault();
            var txt = _cache.Find(instance, DnsRecordType.Txt).Select(r => (TxtData)r.Data).FirstOrDefault();
            var addresses = srv is null ? [] : _cache.Find(srv.Target, DnsRecordType.A).Concat(_cache.Find(srv.Target, DnsRecordType.Aaaa))
                .Select(r => ((AddressData)r.Data).Address).Distinct().OrderBy(a => a.AddressFamily == AddressFamily.InterNetworkV6).ThenBy(a => a.ToString(), StringComparer.Ordinal).ToList();
            Need(srv is null, instance, DnsRecordType.Srv, missing);
            Need(txt is null, instance, DnsRecordType.Txt, missing);
            if (srv is not null)
            {
                Need(addresses.Count == 0, srv.Target, DnsRecordType.A, missing);
            }

            if (srv is not null && txt is not null && addresses.Count > 0)
            {
                services[instance] = new DiscoveredService(instance, srv.Target, srv.Port, addresses, txt.ToPairs());
            }
        }

        foreach (var key in _resolving.Keys.Where(k => !missing.Contains(k)).ToList())
        {
            _resolving.Remove(key);
        }

        foreach (var key in missing)
        {
            if (!_resolving.TryGetValue(key, out var state))
            {
                state = (now, MdnsConstants.QueryInitialInterval / 2);
            }

            if (state.Next <= now)
            {
                AddQuestion(questions, key.Item1, key.Item2);
                var interval = Min(state.Interval * 2, ResolveIntervalMax);
                state = (now + interval, interval);
            }

            _resolving[key] = state;
        }

        var events = new List<ServiceEvent>();
        foreach (var (name, service) in _services.Where(s => !services.ContainsKey(s.Key)))
        {
            events.Add(new ServiceEvent(ServiceEventKind.Lost, service));
        }

        foreach (var (name, service) in services)
        {
            if (!_services.TryGetValue(name, out var before))
            {
                events.Add(new ServiceEvent(ServiceEventKind.Found, service));
            }
            else if (!before.HasSameValues(service))
            {
                events.Add(new ServiceEvent(ServiceEventKind.Updated, service));
            }
        }

        _services = services;
        return events;
    }

    private static void Need(bool isMissing, DnsName name, DnsRecordType type, HashSet<(DnsName, DnsRecordType)> missing)
    {
        if (isMissing)
        {
            missing.Add((name, type));
        }
    }

    private static void AddQuestion(List<DnsQuestion> questions, DnsName name, DnsRecordType type)
    {
        if (!questions.Exists(q => q.Name == name && q.Type == type))
        {
            questions.Add(new DnsQuestion(name, type));
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
