namespace Appliance.ProxyCore.Model;

/// <summary>
/// The traffic counters of one frontend, backend or server, with HAProxy's meanings (management guide, "9.1 CSV
/// format"): sessions (current, max, total, rate), bytes, denials, errors, retries, redispatches, HTTP requests and
/// responses by status class. Each object uses the subset HAProxy shows for its kind. Atomics only, nothing allocated
/// per event; all start at 0.
/// </summary>
public sealed class TrafficCounters
{
    private readonly TimeProvider _time;
    private readonly long[] _responses = new long[6];
    private int _currentSessions;
    private int _maxSessions;
    private long _totalSessions;
    private long _lastSession = long.MinValue;
    private long _bytesIn;
    private long _bytesOut;
    private long _deniedRequests;
    private long _deniedResponses;
    private long _requestErrors;
    private long _connectErrors;
    private long _responseErrors;
    private long _retries;
    private long _redispatches;
    private long _requests;

    public TrafficCounters(TimeProvider time)
    {
        _time = time;
        SessionRate = new RateCounter(time);
        RequestRate = new RateCounter(time);
    }

    /// <summary>New sessions per second (<c>rate</c>, <c>rate_max</c>).</summary>
    public RateCounter SessionRate { get; }

    /// <summary>New HTTP requests per second (<c>req_rate</c>, <c>req_rate_max</c>; frontends only).</summary>
    public RateCounter RequestRate { get; }

    /// <summary><c>scur</c>: sessions open now.</summary>
    public int CurrentSessions => Volatile.Read(ref _currentSessions);

    /// <summary><c>smax</c>: the most sessions open at once.</summary>
    public int MaxSessions => Volatile.Read(ref _maxSessions);

    /// <summary><c>stot</c>: sessions since start.</summary>
    public long TotalSessions => Interlocked.Read(ref _totalSessions);

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of the last session opened; null before the first.</summary>
    public long? LastSessionTimestamp => Interlocked.Read(ref _lastSession) is var t && t == long.MinValue ? null : t;

    /// <summary><c>bin</c>: bytes received from clients (for backends and servers: bytes of the requests sent to them).</summary>
    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary><c>bout</c>: bytes sent to clients (for backends and servers: bytes of the responses received from them).</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary><c>dreq</c>: requests denied by rules.</summary>
    public long DeniedRequests => Interlocked.Read(ref _deniedRequests);

    /// <summary><c>dresp</c>: responses denied by rules.</summary>
    public long DeniedResponses => Interlocked.Read(ref _deniedResponses);

    /// <summary><c>ereq</c>: malformed or timed-out requests (frontends).</summary>
    public long RequestErrors => Interlocked.Read(ref _requestErrors);

    /// <summary><c>econ</c>: sessions that failed to connect to a server after all retries.</summary>
    public long ConnectErrors => Interlocked.Read(ref _connectErrors);

    /// <summary><c>eresp</c>: bad, missing or timed-out server responses.</summary>
    public long ResponseErrors => Interlocked.Read(ref _responseErrors);

    /// <summary><c>wretr</c>: connection attempts retried on the same server.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary><c>wredis</c>: sessions moved to another server after failed attempts.</summary>
    public long Redispatches => Interlocked.Read(ref _redispatches);

    /// <summary><c>req_tot</c>: HTTP requests (frontends: received; backends and servers: answered).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>
    /// <c>hrsp_1xx</c>..<c>hrsp_5xx</c> for <paramref name="statusClass"/> 1..5, <c>hrsp_other</c> for 0: final responses
    /// by status class.
    /// </summary>
    public long Responses(int statusClass) => Interlocked.Read(ref _responses[statusClass]);

    /// <summary>A session starts: current, max, total, rate and last-session time move.</summary>
    public void SessionOpened()
    {
        var current = Interlocked.Increment(ref _currentSessions);
        int max;
        while (current > (max = Volatile.Read(ref _maxSessions)) && Interlocked.CompareExchange(ref _maxSessions, current, max) != max)
        {
        }

        Interlocked.Increment(ref _totalSessions);
        Interlocked.Exchange(ref _lastSession, _time.GetTimestamp());
        SessionRate.Increment();
    }

    public void SessionClosed() => Interlocked.Decrement(ref _currentSessions);

    public void AddBytesIn(long count) => Interlocked.Add(ref _bytesIn, count);

    public void AddBytesOut(long count) => Interlocked.Add(ref _bytesOut, count);

    public void RequestDenied() => Interlocked.Increment(ref _deniedRequests);

    public void ResponseDenied() => Interlocked.Increment(ref _deniedResponses);

    public void RequestError() => Interlocked.Increment(ref _requestErrors);

    public void ConnectError() => Interlocked.Increment(ref _connectErrors);

    public void ResponseError() => Interlocked.Increment(ref _responseErrors);

    public void Retry() => Interlocked.Increment(ref _retries);

    public void Redispatch() => Interlocked.Increment(ref _redispatches);

    /// <summary>A request arrived (frontends): <c>req_tot</c> and the request rate.</summary>
    public void RequestReceived()
    {
        Interlocked.Increment(ref _requests);
        RequestRate.Increment();
    }

    /// <summary>A final response with <paramref name="status"/> was sent (frontends) or answered (backends, servers).</summary>
    public void ResponseSent(int status) => Interlocked.Increment(ref _responses[StatusClass(status)]);

    /// <summary>A response for a backend or server: the response class and <c>req_tot</c>, which HAProxy counts together there.</summary>
    public void RequestAnswered(int status)
    {
        Interlocked.Increment(ref _requests);
        ResponseSent(status);
    }

    /// <summary>1..5 for 1xx..5xx, 0 (HAProxy's "other") for anything else.</summary>
    public static int StatusClass(int status) => status is >= 100 and < 600 ? status / 100 : 0;
}
