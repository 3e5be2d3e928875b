using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Appliance.ProxyCore.Logging;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// What one HTTP exchange records for its access-log line (HAProxy's httplog fields): the outcome, the server, and the
/// moments the timers are computed from. Reused exchange after exchange; written once at the end of each.
/// </summary>
internal sealed class ExchangeLog
{
    private HttpClientConnection _client;
    private readonly HttpResponseHead _response;
    private readonly CapturedHeaders? _requestCaptures;
    private readonly CapturedHeaders? _responseCaptures;
    private long _bytesInBefore;
    private long _bytesOutBefore;

    /// <param name="client">The client connection.</param>
    /// <param name="response">The exchange's response head, read for <c>capture response header</c>.</param>
    public ExchangeLog(HttpClientConnection client, HttpResponseHead response)
    {
        _client = client;
        _response = response;
        var captures = client.Context.AccessLog.CapturesOf(client.Frontend.Name);
        _requestCaptures = captures.Request.Count > 0 ? new CapturedHeaders(captures.Request) : null;
        _responseCaptures = captures.Response.Count > 0 ? new CapturedHeaders(captures.Response) : null;
    }

    /// <summary>Moves the log (a pooled exchange's) to another client connection of the same frontend.</summary>
    public void Bind(HttpClientConnection client) => _client = client;

    /// <summary>Forgets the client connection (the exchange went back to its pool; <see cref="Bind"/> comes first next time).</summary>
    public void Detach() => _client = null!;

    public BackendModel? Backend { get; set; }

    public ServerConnection? Connection { get; set; }

    public int Status { get; set; } = TcpAccessRecord.NotReached;

    public TerminationState Termination { get; set; }

    /// <summary>When the request went to the server; 0 until then.</summary>
    public long RequestSent { get; set; }

    /// <summary>When the final response head arrived; 0 until then.</summary>
    public long ResponseHead { get; set; }

    public void Begin()
    {
        Backend = null;
        Connection = null;
        Status = TcpAccessRecord.NotReached;
        Termination = TerminationState.Normal;
        RequestSent = 0;
        ResponseHead = 0;
        _bytesInBefore = _client.BytesIn - _client.Request.RawBytes.Length;
        _bytesOutBefore = _client.BytesOut;
    }

    public void Fail(int status, TerminationCause cause, SessionPhase phase)
    {
        Status = status;
        Termination = new TerminationState(cause, phase);
    }

    /// <summary>Writes the exchange's line when the frontend logs.</summary>
    public void Write()
    {
        var log = _client.Context.AccessLog;
        if (!log.IsEnabled(_client.Frontend.Name))
        {
            return;
        }

        var time = _client.Context.Time;
        var now = time.GetTimestamp();
        var raw = _client.Request.RawBytes;
        var lineEnd = raw.IndexOf("\r\n"u8);
        var server = Connection?.Server;
        Capture(_requestCaptures, _client.Request, lineEnd > 0);
        Capture(_responseCaptures, _response, ResponseHead != 0);
        log.Write(new HttpAccessRecord
        {
            Client = _client.Info.Client,
            FrontendEndPoint = _client.Info.Frontend,
            RequestDate = _client.RequestDate,
            Frontend = _client.Frontend.Name,
            FrontendTls = _client.Info.IsTls,
            Backend = Backend?.Name,
            Server = server?.Name,
            ServerAddress = server?.Address,
            ServerPort = server?.Config.Port ?? _client.Info.Frontend.Port,
            RequestTime = Milliseconds(_client.RequestStart, _client.HeadComplete),
            QueueTime = Connection is null ? TcpAccessRecord.NotReached : (int)Connection.QueueTime.TotalMilliseconds,
            ConnectTime = Connection is null ? TcpAccessRecord.NotReached : (int)Connection.ConnectTime.TotalMilliseconds,
            ResponseTime = ResponseHead == 0 ? TcpAccessRecord.NotReached : Milliseconds(RequestSent, ResponseHead),
            ActiveTime = Milliseconds(_client.RequestStart, now),
            Status = Status,
            BytesRead = _client.BytesOut - _bytesOutBefore,
            BytesUploaded = _client.BytesIn - _bytesInBefore,
            Termination = Termination,
            ActiveConnections = _client.Frontend.Traffic.CurrentSessions,
            FrontendConnections = _client.Frontend.Traffic.CurrentSessions,
            BackendConnections = Backend?.Traffic.CurrentSessions ?? 0,
            ServerConnections = server?.State.ActiveConnections ?? 0,
            Retries = Connection is null ? 0 : Connection.Attempts - 1,
            ServerQueue = server?.State.Queue.Count ?? 0,
            BackendQueue = Backend?.Queue.Count ?? 0,
            RequestCaptures = _requestCaptures,
            ResponseCaptures = _responseCaptures,
            RequestLine = lineEnd >= 0 ? raw[..lineEnd] : raw,
        });

        int Milliseconds(long from, long to) => from == 0 || to < from ? TcpAccessRecord.NotReached : (int)time.GetElapsedTime(from, to).TotalMilliseconds;
    }

    /// <summary>
    /// Fills <paramref name="captures"/> from <paramref name="head"/>: each header's last occurrence, as HAProxy's
    /// <c>capture request/response header</c> keeps it; absent when the head was not received.
    /// </summary>
    private static void Capture(CapturedHeaders? captures, HttpMessageHead head, bool received)
    {
        if (captures is null)
        {
            return;
        }

        captures.Clear();
        if (!received)
        {
            return;
        }

        for (var i = 0; i < captures.Count; i++)
        {
            var last = -1;
            for (var index = head.IndexOfHeader(captures.NameOf(i)); index >= 0; index = head.IndexOfHeader(captures.NameOf(i), index + 1))
            {
                last = index;
            }

            if (last >= 0)
            {
                captures.Set(i, head.GetHeader(last).Value);
            }
        }
    }
}
