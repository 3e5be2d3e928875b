namespace Appliance.ProxyCore.Logging;

/// <summary>
/// The variables of HAProxy's "Custom log format" table (configuration manual 8.2.4) that access-log lines support,
/// each with its <c>%NAME</c>. Those not listed are refused by <see cref="LogLineFormatParser"/> with their name.
/// </summary>
public enum LogField
{
    /// <summary><c>%ci</c>: client IP.</summary>
    ClientIp,

    /// <summary><c>%cp</c>: client port.</summary>
    ClientPort,

    /// <summary><c>%fi</c>: the frontend address the client reached.</summary>
    FrontendIp,

    /// <summary><c>%fp</c>: the frontend port.</summary>
    FrontendPort,

    /// <summary><c>%f</c>: frontend name.</summary>
    FrontendName,

    /// <summary><c>%ft</c>: frontend name, with <c>~</c> after a TLS bind.</summary>
    FrontendTransport,

    /// <summary><c>%b</c>: backend name (the frontend's when none was chosen).</summary>
    BackendName,

    /// <summary><c>%s</c>: server name, <c>&lt;NOSRV&gt;</c> when none.</summary>
    ServerName,

    /// <summary><c>%si</c>: server IP, <c>-</c> when none.</summary>
    ServerIp,

    /// <summary><c>%sp</c>: server port, <c>-</c> when none.</summary>
    ServerPort,

    /// <summary><c>%t</c>: accept date, local, <c>dd/Mmm/yyyy:HH:mm:ss.fff</c>.</summary>
    AcceptDate,

    /// <summary><c>%T</c>: accept date, GMT, <c>dd/Mmm/yyyy:HH:mm:ss +0000</c>.</summary>
    AcceptDateGmt,

    /// <summary><c>%Tl</c>: accept date, local, <c>dd/Mmm/yyyy:HH:mm:ss +hhmm</c>.</summary>
    AcceptDateLocal,

    /// <summary><c>%Ts</c>: accept date as a Unix timestamp.</summary>
    AcceptTimestamp,

    /// <summary><c>%ms</c>: the accept date's milliseconds, three digits.</summary>
    AcceptMilliseconds,

    /// <summary><c>%tr</c>: request date, local, <c>dd/Mmm/yyyy:HH:mm:ss.fff</c>.</summary>
    RequestDate,

    /// <summary><c>%trg</c>: request date, GMT, <c>dd/Mmm/yyyy:HH:mm:ss +0000</c>.</summary>
    RequestDateGmt,

    /// <summary><c>%trl</c>: request date, local, <c>dd/Mmm/yyyy:HH:mm:ss +hhmm</c>.</summary>
    RequestDateLocal,

    /// <summary><c>%TR</c> (and the older <c>%Tq</c>): time to receive the request head.</summary>
    RequestTime,

    /// <summary><c>%Tw</c>: time in queues.</summary>
    QueueTime,

    /// <summary><c>%Tc</c>: time to connect to the server.</summary>
    ConnectTime,

    /// <summary><c>%Tr</c>: time for the server to send its response head.</summary>
    ResponseTime,

    /// <summary><c>%Ta</c>: active time of the request.</summary>
    ActiveTime,

    /// <summary><c>%Tt</c>: total session time.</summary>
    TotalTime,

    /// <summary><c>%ST</c>: status code.</summary>
    Status,

    /// <summary><c>%B</c>: bytes sent to the client.</summary>
    BytesRead,

    /// <summary><c>%U</c>: bytes received from the client.</summary>
    BytesUploaded,

    /// <summary><c>%CC</c>: captured request cookie.</summary>
    RequestCookie,

    /// <summary><c>%CS</c>: captured response cookie.</summary>
    ResponseCookie,

    /// <summary><c>%ts</c>: termination state, two characters.</summary>
    TerminationState,

    /// <summary><c>%tsc</c>: termination state with cookie status, four characters.</summary>
    TerminationStateCookies,

    /// <summary><c>%ac</c>: active connections of the process.</summary>
    ActiveConnections,

    /// <summary><c>%fc</c>: connections of the frontend.</summary>
    FrontendConnections,

    /// <summary><c>%bc</c>: connections of the backend.</summary>
    BackendConnections,

    /// <summary><c>%sc</c>: connections of the server.</summary>
    ServerConnections,

    /// <summary><c>%rc</c>: retries, <c>+</c> before it after a redispatch.</summary>
    Retries,

    /// <summary><c>%sq</c>: server queue position.</summary>
    ServerQueue,

    /// <summary><c>%bq</c>: backend queue position.</summary>
    BackendQueue,

    /// <summary><c>%hr</c>: captured request headers, <c>{a|b}</c>; nothing when none is captured.</summary>
    RequestHeaders,

    /// <summary><c>%hrl</c>: captured request headers, separated by spaces.</summary>
    RequestHeaderList,

    /// <summary><c>%hs</c>: captured response headers, <c>{a|b}</c>.</summary>
    ResponseHeaders,

    /// <summary><c>%hsl</c>: captured response headers, separated by spaces.</summary>
    ResponseHeaderList,

    /// <summary><c>%r</c>: the request line, <c>&lt;BADREQ&gt;</c> when there was none.</summary>
    RequestLine,

    /// <summary><c>%HM</c>: method.</summary>
    Method,

    /// <summary><c>%HU</c>: target (URI) as received.</summary>
    Uri,

    /// <summary><c>%HP</c>: target without its query string.</summary>
    Path,

    /// <summary><c>%HQ</c>: the query string with its <c>?</c>, empty when none.</summary>
    Query,

    /// <summary><c>%HV</c>: version, e.g. <c>HTTP/1.1</c>.</summary>
    Version,

    /// <summary><c>%H</c>: the node's host name.</summary>
    HostName,

    /// <summary><c>%pid</c>: the process id.</summary>
    ProcessId,
}
