using System.Net;
using Appliance.ProxyCore.Forwarding.Http.Parsing;
using Microsoft.Extensions.Logging;

namespace Appliance.ProxyCore.Diagnostics;

/// <summary>The proxy core's log events, with stable ids (1xxx transport, 2xxx forwarding, 3xxx health, 4xxx engine).</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(1001, LogLevel.Warning, "Accept failed on {Bind}: {Error}")]
    public static partial void AcceptFailed(ILogger logger, string bind, string error);

    [LoggerMessage(1003, LogLevel.Information, "{Client} -> {Frontend}: TLS handshake failed: {Reason}")]
    public static partial void TlsHandshakeFailed(ILogger logger, string client, string frontend, string reason);

    [LoggerMessage(1002, LogLevel.Error, "Connection handler failed on {Bind}")]
    public static partial void ConnectionHandlerFailed(ILogger logger, string bind, Exception exception);

    [LoggerMessage(2001, LogLevel.Debug, "{Client} -> {Frontend} -> {Backend}/{Server}: closed ({Termination}), {BytesIn} bytes in, {BytesOut} bytes out")]
    public static partial void TcpSessionClosed(ILogger logger, string client, string frontend, string backend, string server, string termination, long bytesIn, long bytesOut);

    [LoggerMessage(2002, LogLevel.Warning, "{Client} -> {Frontend} -> {Backend}: no server available ({Reason})")]
    public static partial void NoServer(ILogger logger, string client, string frontend, string backend, string reason);

    [LoggerMessage(2003, LogLevel.Warning, "{Backend}/{Server}: connect failed ({Error}), attempt {Attempt}")]
    public static partial void ConnectFailed(ILogger logger, string backend, string server, string error, int attempt);

    [LoggerMessage(2004, LogLevel.Warning, "{Client} -> {Frontend}: no backend to route to")]
    public static partial void NoBackend(ILogger logger, string client, string frontend);

    [LoggerMessage(2101, LogLevel.Warning, "{Client} -> {Frontend}: request refused with {Status} ({Code}: {Reason})")]
    public static partial void HttpRequestRejected(ILogger logger, string client, string frontend, int status, string code, string reason);

    [LoggerMessage(2102, LogLevel.Warning, "{Client} -> {Frontend} -> {Backend}/{Server}: invalid response, {Status} sent to the client ({Reason})")]
    public static partial void HttpResponseRejected(ILogger logger, string client, string frontend, string backend, string server, int status, string reason);

    [LoggerMessage(2103, LogLevel.Debug, "{Client} -> {Frontend} -> {Backend}/{Server}: \"{Request}\" {Status}")]
    /// <remarks>The client and request are formatted only when debug logging is on (per request, the strings would cost).</remarks>
    public static partial void HttpExchange(ILogger logger, IPEndPoint client, string frontend, string backend, string server, HttpRequestHead request, int status);

    [LoggerMessage(3001, LogLevel.Warning, "{Event}")]
    public static partial void HealthEvent(ILogger logger, string @event);

    [LoggerMessage(4001, LogLevel.Information, "Proxy {Proxy} listening on {EndPoint} ({Mode})")]
    public static partial void Listening(ILogger logger, string proxy, string endPoint, string mode);

    [LoggerMessage(4006, LogLevel.Information, "Configuration reloaded: {Report}")]
    public static partial void Reloaded(ILogger logger, string report);

    [LoggerMessage(4003, LogLevel.Information,
        "Stopping: listeners closed, {Count} connections open: idle HTTP ones close now, the rest get at most {Bound}")]
    public static partial void Draining(ILogger logger, int count, string bound);

    [LoggerMessage(4007, LogLevel.Information,
        "Reload: soft stop of the previous configuration's connections (idle HTTP ones close now; hard-stop-after: {Bound})")]
    public static partial void SoftStoppingPrevious(ILogger logger, string bound);

    [LoggerMessage(4004, LogLevel.Warning, "Stop grace period over: aborting {Count} connections")]
    public static partial void AbortingConnections(ILogger logger, int count);

    [LoggerMessage(4005, LogLevel.Warning, "Server {Backend}/{Server}: cannot resolve '{Host}': {Error}")]
    public static partial void ResolveFailed(ILogger logger, string backend, string server, string host, string error);
}
