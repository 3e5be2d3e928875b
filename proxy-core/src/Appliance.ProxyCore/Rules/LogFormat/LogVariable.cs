namespace Appliance.ProxyCore.Rules.LogFormat;

/// <summary>The log-format variables of this build, with HAProxy's alias (section 8.2.4 of its manual) in comments.</summary>
public enum LogVariable
{
    /// <summary><c>%ci</c>: client IP.</summary>
    ClientIp,

    /// <summary><c>%cp</c>: client port.</summary>
    ClientPort,

    /// <summary><c>%fi</c>: frontend IP the client reached.</summary>
    FrontendIp,

    /// <summary><c>%fp</c>: frontend port.</summary>
    FrontendPort,

    /// <summary><c>%f</c>: frontend name.</summary>
    FrontendName,

    /// <summary><c>%ft</c>: frontend name with <c>~</c> appended for TLS connections.</summary>
    FrontendTransport,

    /// <summary><c>%b</c>: backend name.</summary>
    BackendName,

    /// <summary><c>%s</c>: server name.</summary>
    ServerName,

    /// <summary><c>%bi</c>: local IP of the server connection.</summary>
    BackendSourceIp,

    /// <summary><c>%bp</c>: local port of the server connection.</summary>
    BackendSourcePort,

    /// <summary><c>%si</c>: server IP.</summary>
    ServerIp,

    /// <summary><c>%sp</c>: server port.</summary>
    ServerPort,

    /// <summary><c>%ST</c>: status code.</summary>
    Status,

    /// <summary><c>%H</c>: host name of the node.</summary>
    HostName,

    /// <summary><c>%HM</c>: method.</summary>
    Method,

    /// <summary><c>%HP</c>: path (target without query).</summary>
    Path,

    /// <summary><c>%HU</c>: target as received.</summary>
    Uri,

    /// <summary><c>%HV</c>: version, e.g. <c>HTTP/1.1</c>.</summary>
    Version,

    /// <summary><c>%r</c>: request line, e.g. <c>GET / HTTP/1.1</c>.</summary>
    RequestLine,

    /// <summary><c>%Tr</c>: server response time in ms.</summary>
    ServerResponseTime,

    /// <summary><c>%Ta</c>: active time in ms.</summary>
    ActiveTime,

    /// <summary><c>%B</c>: bytes read from the server.</summary>
    BytesRead,

    /// <summary><c>%t</c>: accept date, <c>dd/MMM/yyyy:HH:mm:ss.fff</c>.</summary>
    Date,

    /// <summary><c>%T</c>: accept date in GMT, <c>dd/MMM/yyyy:HH:mm:ss +0000</c>.</summary>
    GmtDate,

    /// <summary><c>%pid</c>: process id.</summary>
    ProcessId,

    /// <summary><c>%ID</c>: unique id.</summary>
    UniqueId,
}
