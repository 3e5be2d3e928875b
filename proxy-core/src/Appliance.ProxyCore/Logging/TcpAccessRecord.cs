using System.Net;

namespace Appliance.ProxyCore.Logging;

/// <summary>
/// One TCP connection, as <c>option tcplog</c> logs it (configuration manual 8.2.2):
/// <c>%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq</c>. The forwarder fills one when the
/// connection closes and passes it by reference to <see cref="IAccessLog.Write(in TcpAccessRecord)"/>. Timers are in
/// milliseconds, <see cref="NotReached"/> (-1) for a phase never reached.
/// </summary>
public readonly struct TcpAccessRecord
{
    /// <summary>The value of a timer whose phase was never reached: <c>-1</c> in the log.</summary>
    public const int NotReached = -1;

    /// <summary>Every timer starts at -1 (not reached); set the ones the session reached.</summary>
    public TcpAccessRecord()
    {
    }

    /// <summary><c>%ci:%cp</c>: the client's address and port.</summary>
    public required IPEndPoint Client { get; init; }

    /// <summary>The address the client connected to; only the default (no option) format logs it. Null = <c>-</c>.</summary>
    public IPEndPoint? FrontendEndPoint { get; init; }

    /// <summary><c>%t</c>: when the connection was accepted (any offset; logged in the log's time zone, with milliseconds).</summary>
    public required DateTimeOffset AcceptDate { get; init; }

    /// <summary><c>%f</c>: the frontend (or listen) name.</summary>
    public required string Frontend { get; init; }

    /// <summary>True when the connection arrived on an <c>ssl</c> bind: <c>%ft</c> then ends with <c>~</c>.</summary>
    public bool FrontendTls { get; init; }

    /// <summary><c>%b</c>: the backend; null = not chosen yet, logged as the frontend's name as HAProxy does.</summary>
    public string? Backend { get; init; }

    /// <summary><c>%s</c>: the last server tried; null = none, logged as <c>&lt;NOSRV&gt;</c>.</summary>
    public string? Server { get; init; }

    /// <summary><c>%si</c>: the address of the last server tried; null = none (<c>-</c>).</summary>
    public IPAddress? ServerAddress { get; init; }

    /// <summary><c>%sp</c>: the port of the last server tried (logged only with <see cref="ServerAddress"/>).</summary>
    public int ServerPort { get; init; }

    /// <summary><c>%Tw</c>: time in queues; default <see cref="NotReached"/>.</summary>
    public int QueueTime { get; init; } = TcpAccessRecord.NotReached;

    /// <summary><c>%Tc</c>: time to establish the server connection, retries included; default <see cref="NotReached"/>.</summary>
    public int ConnectTime { get; init; } = TcpAccessRecord.NotReached;

    /// <summary><c>%Tt</c>: time from accept to the last close; default -1.</summary>
    public int TotalTime { get; init; } = TcpAccessRecord.NotReached;

    /// <summary><c>%B</c>: bytes sent from the server to the client.</summary>
    public long BytesRead { get; init; }

    /// <summary>Bytes received from the client; zero means <c>option dontlognull</c> skips the line.</summary>
    public long BytesUploaded { get; init; }

    /// <summary><c>%ts</c>: the first two characters of the termination state; default <c>--</c>.</summary>
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

    /// <summary>HAProxy's error rule for <c>option log-separate-errors</c>: an error termination, a retry or a redispatch.</summary>
    public bool IsError => Termination.IsError || Redispatched || (Termination.Cause == TerminationCause.None && Retries > 0);
}
