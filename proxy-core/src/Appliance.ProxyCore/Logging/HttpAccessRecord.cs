using System.Net;

namespace Appliance.ProxyCore.Logging;

/// <summary>
/// One HTTP transaction, as <c>option httplog</c> logs it (configuration manual 8.2.3): <c>%ci:%cp [%tr] %ft %b/%s
/// %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r</c>. A ref struct so that the
/// request line can be a span over the parser's buffer: the forwarder fills one per transaction and passes it by
/// reference to <see cref="IAccessLog.Write(in HttpAccessRecord)"/>, which formats it before returning. Timers are in
/// milliseconds, <see cref="TcpAccessRecord.NotReached"/> (-1) for a phase never reached.
/// </summary>
public readonly ref struct HttpAccessRecord
{
    /// <summary>Every timer starts at -1 (not reached); set the ones the session reached.</summary>
    public HttpAccessRecord()
    {
    }

    /// <summary><c>%ci:%cp</c>: the client's address and port.</summary>
    public required IPEndPoint Client { get; init; }

    /// <summary>The address the client connected to; only the default (no option) format logs it. Null = <c>-</c>.</summary>
    public IPEndPoint? FrontendEndPoint { get; init; }

    /// <summary><c>%tr</c>: when the first byte of the request arrived (any offset; logged in the log's time zone).</summary>
    public required DateTimeOffset RequestDate { get; init; }

    /// <summary><c>%f</c>: the frontend (or listen) name.</summary>
    public required string Frontend { get; init; }

    /// <summary>True when the request arrived on an <c>ssl</c> bind: <c>%ft</c> then ends with <c>~</c>.</summary>
    public bool FrontendTls { get; init; }

    /// <summary><c>%b</c>: the backend; null = not chosen (a refused request), logged as the frontend's name.</summary>
    public string? Backend { get; init; }

    /// <summary><c>%s</c>: the last server tried; null = none, logged as <c>&lt;NOSRV&gt;</c>.</summary>
    public string? Server { get; init; }

    /// <summary><c>%si</c>: the address of the last server tried; null = none (<c>-</c>).</summary>
    public IPAddress? ServerAddress { get; init; }

    /// <summary><c>%sp</c>: the port of the last server tried (logged only with <see cref="ServerAddress"/>).</summary>
    public int ServerPort { get; init; }

    /// <summary><c>%TR</c>: time to receive the full request head after its first byte; default -1 (never came).</summary>
    public int RequestTime { get; init; } = TcpAccessRecord.NotReached;

    /// <summary><c>%Tw</c>: time in queues; default -1.</summary>
    public int QueueTime { get; init; } = TcpAccessRecord.NotReached;

    /// <summary><c>%Tc</c>: time to establish the server connection, retries included; default -1.</summary>
    public int ConnectTime { get; init; } = TcpAccessRecord.NotReached;

    /// <summary><c>%Tr</c>: time for the server to send the full response head; default -1.</summary>
    public int ResponseTime { get; init; } = TcpAccessRecord.NotReached;

    /// <summary><c>%Ta</c>: time from the request's first byte to the response's last byte. Also <c>%Tt</c> in tcplog. Default -1.</summary>
    public int ActiveTime { get; init; } = TcpAccessRecord.NotReached;

    /// <summary><c>%ST</c>: the status sent to the client; default -1 (none sent).</summary>
    public int Status { get; init; } = TcpAccessRecord.NotReached;

    /// <summary><c>%B</c>: bytes sent to the client, headers included.</summary>
    public long BytesRead { get; init; }

    /// <summary>Bytes received from the client; zero means <c>option dontlognull</c> skips the line.</summary>
    public long BytesUploaded { get; init; }

    /// <summary><c>%CC</c>: the captured request cookie (<c>capture cookie</c>); null = <c>-</c>.</summary>
    public string? RequestCookie { get; init; }

    /// <summary><c>%CS</c>: the captured response cookie; null = <c>-</c>.</summary>
    public string? ResponseCookie { get; init; }

    /// <summary><c>%tsc</c>: the termination state, four characters; default <c>----</c>.</summary>
    public TerminationState Termination { get; init; }

    /// <summary><c>%ac</c>: connections on the process when logged.</summary>
    public int ActiveConnections { get; init; }

    /// <summary><c>%fc</c>: connections on the frontend when logged.</summary>
    public int FrontendConnections { get; init; }

    /// <summary><c>%bc</c>: connections on the backend (active and queued) when logged.</summary>
    public int BackendConnections { get; init; }

    /// <summary><c>%sc</c>: connections still active on the server when logged.</summary>
    public int ServerConnections { get; init; }

    /// <summary><c>%rc</c>: connection retries.</summary>
    public int Retries { get; init; }

    /// <summary>True after a redispatch: <c>%rc</c> is then prefixed with <c>+</c>.</summary>
    public bool Redispatched { get; init; }

    /// <summary><c>%sq</c>: requests processed before this one in the server's queue.</summary>
    public int ServerQueue { get; init; }

    /// <summary><c>%bq</c>: requests processed before this one in the backend's queue.</summary>
    public int BackendQueue { get; init; }

    /// <summary><c>%hr</c>: the values of <c>capture request header</c>; null or empty = none configured.</summary>
    public CapturedHeaders? RequestCaptures { get; init; }

    /// <summary><c>%hs</c>: the values of <c>capture response header</c>; null or empty = none configured.</summary>
    public CapturedHeaders? ResponseCaptures { get; init; }

    /// <summary>
    /// <c>%r</c>: the request line as received, without CRLF (method, target, version). Empty = the request was invalid
    /// or incomplete, logged as <c>"&lt;BADREQ&gt;"</c>. Bytes outside 32..126 and <c>"</c>, <c>#</c> are logged as <c>#XX</c>.
    /// </summary>
    public ReadOnlySpan<byte> RequestLine { get; init; }

    /// <summary>
    /// A TCP connection as a record the access-log formats read: the accept date stands for the request date and the
    /// total time for the active time; there is no request line, status or capture.
    /// </summary>
    public static HttpAccessRecord From(in TcpAccessRecord tcp) => new()
    {
        Client = tcp.Client,
        FrontendEndPoint = tcp.FrontendEndPoint,
        RequestDate = tcp.AcceptDate,
        Frontend = tcp.Frontend,
        FrontendTls = tcp.FrontendTls,
        Backend = tcp.Backend,
        Server = tcp.Server,
        ServerAddress = tcp.ServerAddress,
        ServerPort = tcp.ServerPort,
        QueueTime = tcp.QueueTime,
        ConnectTime = tcp.ConnectTime,
        ActiveTime = tcp.TotalTime,
        BytesRead = tcp.BytesRead,
        BytesUploaded = tcp.BytesUploaded,
        Termination = tcp.Termination,
        ActiveConnections = tcp.ActiveConnections,
        FrontendConnections = tcp.FrontendConnections,
        BackendConnections = tcp.BackendConnections,
        ServerConnections = tcp.ServerConnections,
        Retries = tcp.Retries,
        Redispatched = tcp.Redispatched,
        ServerQueue = tcp.ServerQueue,
        BackendQueue = tcp.BackendQueue,
    };

    /// <summary>HAProxy's error rule for <c>option log-separate-errors</c>: an error termination, a retry, a redispatch or a 5xx.</summary>
    public bool IsError =>
        Termination.IsError || Redispatched || (Termination.Cause == TerminationCause.None && Retries > 0) || Status >= 500;
}
