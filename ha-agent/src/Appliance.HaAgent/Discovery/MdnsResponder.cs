using System.Net;

namespace Appliance.HaAgent.Discovery;

/// <summary>
/// The responder for one DNS-SD service instance (RFC 6762, RFC 6763); pure: messages and the monotonic time in, messages
/// to send out, no socket, no clock. The driver calls <see cref="OnTimer"/> at <see cref="NextDeadline"/>.
/// <list type="bullet">
/// <item>Probing (§8.1): after a random 0..250 ms, three ANY queries for the instance and host names 250 ms apart,
/// proposing our SRV, TXT and A records in the authority section; the names are ours 250 ms after the third. Probes
/// ask for multicast answers (QM): on a host shared with avahi, a unicast reply to port 5353 reaches only one of the
/// sockets bound there, so it might never reach us.</item>
/// <item>A conflicting answer renames the loser (<c>node</c> → <c>node (2)</c>, host <c>node</c> → <c>node-2</c>) and probing
/// starts again (§9); after 15 conflicts in 10 s each new attempt waits 5 s. A simultaneous probe that wins the
/// tie-break (§8.2) defers our probing by 1 s, without a rename.</item>
/// <item>Announcing (§8.3): <c>announcements</c> unsolicited responses (default 2), 1 s apart, the interval doubling.</item>
/// <item>Answering (§6): unique answers at once, shared ones (PTR) after a random 20..120 ms (400..500 ms when the query
/// is truncated, §7.2), merged into one message; known answers with at least half our TTL left are left out (§7.1);
/// additional records per RFC 6763 §12; an NSEC for a type we do not have (§6.1); QU questions get a unicast answer when
/// every answer was multicast within a quarter of its TTL (§5.4); legacy queriers (source port not 5353) a unicast answer
/// with their ID, their questions and TTLs of at most 10 s (§6.7); a record is multicast at most once a second, or
/// every 250 ms to defend against a probe (§6).</item>
/// <item>Stopping sends every record with TTL 0, the goodbye (§10.1).</item>
/// </list>
/// </summary>
public sealed class MdnsResponder
{
    private readonly ServiceRegistration _registration;
    private readonly Random _random;
    private readonly int _announcements;
    private readonly Dictionary<DnsRecord, TimeSpan> _lastMulticast = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<TimeSpan> _conflicts = new();
    private readonly List<DnsRecord> _pendingAnswers = [];
    private readonly List<DnsRecord> _pendingAdditionals = [];
    private TimeSpan? _pendingDue;
    private TimeSpan? _nextStep;
    private int _stepsTaken;
    private int _instanceNumber = 1;
    private int _hostNumber = 1;

    /// <param name="registration">What to announce.</param>
    /// <param name="random">Jitter for the first probe and shared answers; inject a fixed one in tests.</param>
    /// <param name="announcements">Unsolicited announcements, 2..8 (RFC 6762 §8.3). Default 2.</param>
    public MdnsResponder(ServiceRegistration registration, Random random, int announcements = 2)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentOutOfRangeException.ThrowIfLessThan(announcements, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(announcements, 8);
        _registration = registration;
        _random = random;
        _announcements = announcements;
        Records = new ServiceRecordSet(registration, registration.Instance, registration.Host);
    }

    public ResponderState State { get; private set; }

    /// <summary>The instance label now in use: the registration's, or a renamed one after a conflict.</summary>
    public string InstanceLabel => Records.InstanceName.Labels[0];

    /// <summary>The full instance name now in use, <c>Instance._service._tcp.local</c>.</summary>
    public DnsName InstanceName => Records.InstanceName;

    /// <summary>The host name now in use, <c>Host.local</c>.</summary>
    public DnsName HostName => Records.HostName;

    /// <summary>When <see cref="OnTimer"/> next has work, or null.</summary>
    public TimeSpan? NextDeadline => Min(_nextStep, _pendingDue);

    internal ServiceRecordSet Records { get; private set; }

    /// <summary>Begins probing (§8.1): the first probe after a random 0..250 ms.</summary>
    public IReadOnlyList<MdnsOutgoing> Start(TimeSpan now)
    {
        if (State != ResponderState.Idle)
        {
            throw new InvalidOperationException($"the responder is {State}, not Idle");
        }

        BeginProbing(now + Jitter(TimeSpan.Zero, MdnsConstants.ProbeInitialDelayMax));
        return [];
    }

    /// <summary>Sends what is due at <paramref name="now"/>: a probe, an announcement or a delayed answer.</summary>
    public IReadOnlyList<MdnsOutgoing> OnTimer(TimeSpan now)
    {
        var sends = new List<MdnsOutgoing>();
        if (_nextStep is { } step && step <= now)
        {
            switch (State)
            {
                case ResponderState.Probing when _stepsTaken < MdnsConstants.ProbeCount:
                    sends.Add(MdnsOutgoing.Multicast(DnsMessage.Query(
                        [new DnsQuestion(InstanceName, DnsRecordType.Any), new DnsQuestion(HostName, DnsRecordType.Any)],
                        authorities: Records.Proposed)));
                    _stepsTaken++;
                    _nextStep = now + MdnsConstants.ProbeInterval;
                    break;
                case ResponderState.Probing:
                    State = ResponderState.Announcing;
                    _stepsTaken = 0;
                    goto case ResponderState.Announcing;
                case ResponderState.Announcing:
                    sends.Add(MdnsOutgoing.Multicast(DnsMessage.Response(Records.Answerable, Records.Negative)));
                    MarkMulticast(Records.Answerable, now);
                    _stepsTaken++;
                    if (_stepsTaken < _announcements)
                    {
                        _nextStep = now + (MdnsConstants.AnnounceInterval * (1 << (_stepsTaken - 1)));
                    }
                    else
                    {
                        State = ResponderState.Announced;
                        _nextStep = null;
                    }

                    break;
            }
        }

        if (_pendingDue is { } due && due <= now)
        {
            sends.Add(MdnsOutgoing.Multicast(DnsMessage.Response([.. _pendingAnswers], [.. _pendingAdditionals])));
            MarkMulticast(_pendingAnswers, now);
            ClearPending();
        }

        return sends;
    }

    /// <summary>Handles one received message from <paramref name="source"/>.</summary>
    public IReadOnlyList<MdnsOutgoing> OnMessage(DnsMessage message, IPEndPoint source, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(source);

        // §18.3, §18.11: messages with another opcode or a non-zero RCODE are silently ignored.
        if (message.Opcode != 0 || message.ResponseCode != 0 || State is ResponderState.Idle or ResponderState.Stopped)
        {
            return [];
        }

        if (message.IsResponse)
        {
            // §11: a response must come from port 5353 to be believed.
            if (source.Port == MdnsConstants.Port)
            {
                CheckConflicts(message, now);
            }

            return [];
        }

        if (State == ResponderState.Probing)
        {
            CheckSimultaneousProbe(message, now);
            return [];
        }

        return Answer(message, source, now);
    }

    /// <summary>Stops: sends the goodbye when anything was announced (§10.1); afterwards the responder is inert.</summary>
    public IReadOnlyList<MdnsOutgoing> Stop(TimeSpan now)
    {
        var announced = State is ResponderState.Announcing or ResponderState.Announced;
        State = ResponderState.Stopped;
        _nextStep = null;
        ClearPending();
        return announced
            ? [MdnsOutgoing.Multicast(DnsMessage.Response([.. Records.Answerable.Select(r => r.WithTtl(0))]))]
            : [];
    }

    private void BeginProbing(TimeSpan firstProbe)
    {
        State = ResponderState.Probing;
        _stepsTaken = 0;
        _nextStep = firstProbe;
        ClearPending();
    }

    private void CheckConflicts(DnsMessage message, TimeSpan now)
    {
        var instanceConflict = false;
        var hostConflict = false;
        foreach (var record in message.Answers.Concat(message.Additionals))
        {
            if (record.Ttl == 0 || !Records.IsUniqueName(record.Name) || IsOurs(record, anyType: State == ResponderState.Probing))
            {
                continue;
            }

            instanceConflict |= record.Name == InstanceName;
            hostConflict |= record.Name == HostName;
        }

        if (!instanceConflict && !hostConflict)
        {
            return;
        }

        // §9: an established name is probed again first; while probing, a conflict means the name is taken.
        if (State == ResponderState.Probing)
        {
            _instanceNumber += instanceConflict ? 1 : 0;
            _hostNumber += hostConflict ? 1 : 0;
            Records = new ServiceRecordSet(
                _registration, Renamed(_registration.Instance, _instanceNumber, " ({0})"), Renamed(_registration.Host, _hostNumber, "-{0}"));
        }

        _conflicts.Enqueue(now);
        while (_conflicts.Peek() < now - MdnsConstants.ConflictWindow)
        {
            _conflicts.Dequeue();
        }

        var wait = _conflicts.Count >= MdnsConstants.ConflictBurst ? MdnsConstants.ConflictBackoff : TimeSpan.Zero;
        BeginProbing(now + wait + Jitter(TimeSpan.Zero, MdnsConstants.ProbeInitialDelayMax));
    }

    /// <summary>
    /// True when <paramref name="record"/> matches one of our unique records: same type and RDATA (a looped-back copy of our
    /// own, or another host that agrees). With <paramref name="anyType"/> (probing) a record of a type we do not have is
    /// also a conflict; otherwise (established, §9) only a different record of a type we have is.
    /// </summary>
    private bool IsOurs(DnsRecord record, bool anyType)
    {
        var ours = Records.UniqueRecordsOf(record.Name).ToList();
        if (ours.Exists(r => r.IsSameRecord(record)))
        {
            return true;
        }

        return !anyType && !ours.Exists(r => r.Type == record.Type);
    }

    private void CheckSimultaneousProbe(DnsMessage message, TimeSpan now)
    {
        // §8.2: compare each probed name's proposed records, sorted, by class, type and RDATA; the lesser set defers.
        foreach (var name in new[] { InstanceName, HostName })
        {
            var theirs = message.Authorities.Where(r => r.Name == name).ToList();
            if (theirs.Count > 0 && CompareSets(Records.Proposed.Where(r => r.Name == name).ToList(), theirs) < 0)
            {
                BeginProbing(now + MdnsConstants.ProbeTieBreakDelay);
                return;
            }
        }
    }

    private IReadOnlyList<MdnsOutgoing> Answer(DnsMessage query, IPEndPoint source, TimeSpan now)
    {
        var legacy = source.Port != MdnsConstants.Port;
        var probe = query.Authorities.Count > 0;
        var answers = new List<DnsRecord>();
        var negatives = new List<DnsRecord>();
        foreach (var question in query.Questions)
        {
            foreach (var record in Records.Answer(question))
            {
                // §7.1: a known answer with at least half our TTL left suppresses ours.
                var known = query.Answers.Any(k => k.IsSameRecord(record) && k.Ttl >= record.Ttl / 2);
                if (!known && !answers.Contains(record))
                {
                    answers.Add(record);
                }
            }

            if (Records.NegativeAnswer(question) is { } negative && !negatives.Contains(negative))
            {
                negatives.Add(negative);
            }
        }

        if (legacy)
        {
            var ttl = (Func<DnsRecord, DnsRecord>)(r => r with { Ttl = Math.Min(r.Ttl, MdnsConstants.LegacyUnicastMaxTtl), CacheFlush = false });
            var additional = Additionals(answers, negatives);
            return answers.Count + additional.Count == 0
                ? []
                : [new MdnsOutgoing(new DnsMessage(query.Id, true, 0, true, false, false, 0, query.Questions, [.. answers.Select(ttl)], [], [.. additional.Select(ttl)]), source)];
        }

        var unicast = answers.Count > 0 && query.Questions.All(q => q.UnicastResponse)
            && answers.TrueForAll(r => _lastMulticast.TryGetValue(r, out var at) && now - at < TimeSpan.FromSeconds(r.Ttl / 4.0));
        if (unicast)
        {
            return [new MdnsOutgoing(DnsMessage.Response(answers, Additionals(answers, negatives)), source)];
        }

        var limit = probe ? MdnsConstants.ProbeDefenceRateLimit : MdnsConstants.MulticastRateLimit;
        answers.RemoveAll(r => _lastMulticast.TryGetValue(r, out var at) && now - at < limit);
        var additionals = Additionals(answers, negatives);
        if (answers.Count == 0 && additionals.Count == 0)
        {
            return [];
        }

        var due = query.Truncated
            ? now + Jitter(MdnsConstants.TruncatedAnswerDelayMin, MdnsConstants.TruncatedAnswerDelayMax)
            : answers.Exists(r => !r.CacheFlush) ? now + Jitter(MdnsConstants.SharedAnswerDelayMin, MdnsConstants.SharedAnswerDelayMax) : now;
        _pendingAnswers.AddRange(answers.Where(r => !_pendingAnswers.Contains(r)));
        _pendingAdditionals.AddRange(additionals.Where(r => !_pendingAdditionals.Contains(r)));
        _pendingAdditionals.RemoveAll(_pendingAnswers.Contains);
        _pendingDue = Min(_pendingDue, due);
        return due <= now ? OnTimer(now) : [];
    }

    /// <summary>The additional section: negative answers, then what the answers bring along, without repeats or answers.</summary>
    private List<DnsRecord> Additionals(List<DnsRecord> answers, List<DnsRecord> negatives) =>
        [.. negatives.Concat(answers.SelectMany(Records.AdditionalsFor)).Distinct().Where(r => !answers.Contains(r))];

    private void MarkMulticast(IEnumerable<DnsRecord> records, TimeSpan now)
    {
        foreach (var record in records)
        {
            _lastMulticast[record] = now;
        }
    }

    private void ClearPending()
    {
        _pendingAnswers.Clear();
        _pendingAdditionals.Clear();
        _pendingDue = null;
    }

    private TimeSpan Jitter(TimeSpan min, TimeSpan max) => min + ((max - min) * _random.NextDouble());

    private static TimeSpan? Min(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static string Renamed(string label, int number, string format)
    {
        if (number == 1)
        {
            return label;
        }

        var suffix = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, number);
        var room = DnsName.MaxLabelLength - suffix.Length;
        var stem = label;
        while (System.Text.Encoding.UTF8.GetByteCount(stem) > room)
        {
            stem = stem[..^1];
        }

        return stem + suffix;
    }

    private static int CompareSets(List<DnsRecord> ours, List<DnsRecord> theirs)
    {
        ours.Sort(CompareRecords);
        theirs.Sort(CompareRecords);
        for (var i = 0; i < Math.Min(ours.Count, theirs.Count); i++)
        {
            var c = CompareRecords(ours[i], theirs[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return ours.Count.CompareTo(theirs.Count);
    }

    private static int CompareRecords(DnsRecord a, DnsRecord b)
    {
        var c = a.Class.CompareTo(b.Class);
        c = c != 0 ? c : ((ushort)a.Type).CompareTo((ushort)b.Type);
        return c != 0 ? c : a.Data.Canonical.SequenceCompareTo(b.Data.Canonical);
    }
}
