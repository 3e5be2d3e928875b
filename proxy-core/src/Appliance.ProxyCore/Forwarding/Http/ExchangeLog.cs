using Appliance.ProxyCore.Logging;
using Appliance.ProxyCore.Model;

namespace Appliance.ProxyCore.Forwarding.Http;

/// <summary>
/// What one HTTP exchange records for its access-log line (HAProxy's httplog fields): the outcome, the server, and the
/// moments the timers are computed from. Reused exchange after exchange; written once at the end of each.
/// </summary>
internal sealed class ExchangeLog
{
    private readonly HttpClientConnection _client;
    private long _bytesInBefore;
    private long _bytesOutBefore;

    public ExchangeLog(HttpClientConnection client)
    {
        _client = client;
    }

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
        log.Write(new HttpAccessRecord
        {
            Client = _client.Info.Client,
            FrontendEndPoint = _client.Info.Frontend,
            RequestDate = _client.RequestDate,
            Frontend = _client.Frontend.Name,
            FrontendTls = _client.Info.IsTls,
            Backend = Backend?.Name,
            Server = server?.Name,
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
            BackendQueue = Backend?.Queue.Count ?? 0,
            RequestLine = lineEnd >= 0 ? raw[..lineEnd] : raw,
        });

        int Milliseconds(long from, long to) => from == 0 || to < from ? TcpAccessRecord.NotReached : (int)time.GetElapsedTime(from, to).TotalMilliseconds;
    }
}
