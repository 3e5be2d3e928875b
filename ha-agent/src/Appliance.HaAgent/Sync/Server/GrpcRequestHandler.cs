using Appliance.HaAgent.Sync.Grpc;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Sync.Server;

/// <summary>
/// Turns each HTTP/2 request into a gRPC call: checks it is one (POST, application/grpc), authenticates the peer, finds
/// the method, runs it under its deadline and sends the status. Early refusals are Trailers-Only responses.
/// </summary>
internal sealed class GrpcRequestHandler(
    GrpcServiceRegistry services, ICallAuthenticator authenticator, int maxReceiveMessageSize, TimeProvider time, ILogger logger)
{
    /// <summary>The status message of a handler's unexpected exception: its details stay in this node's log.</summary>
    public const string HandlerExceptionMessage = "Exception was thrown by handler.";

    public async Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Path.Value ?? string.Empty;
        var peer = $"{http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}";

        // PROTOCOL-HTTP2.md "Requests": Method → ":method POST".
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            GrpcServerLog.Refused(logger, peer, method, $"HTTP method {http.Request.Method}");
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            http.Response.Headers.Allow = "POST";
            return;
        }

        // PROTOCOL-HTTP2.md "Requests": "If Content-Type does not begin with "application/grpc", gRPC servers SHOULD
        // respond with HTTP status of 415 (Unsupported Media Type). This will prevent other HTTP/2 clients from
        // interpreting a gRPC error response, which uses status 200 (OK), as successful."
        if (!GrpcProtocol.IsGrpcContentType(http.Request.ContentType))
        {
            GrpcServerLog.Refused(logger, peer, method, $"content-type '{http.Request.ContentType}'");
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            http.Response.Headers[GrpcProtocol.StatusHeader] = ((int)StatusCode.Internal).ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.Headers[GrpcProtocol.MessageHeader] = GrpcStatusMessage.Encode(
                $"Content-Type '{http.Request.ContentType}' is not supported");
            return;
        }

        var authentication = await authenticator.AuthenticateAsync(http, method);
        if (!authentication.IsAuthenticated)
        {
            GrpcServerLog.Unauthenticated(logger, peer, method, authentication.Failure);
            await RefuseAsync(http, new GrpcStatus(StatusCode.Unauthenticated, "unauthenticated: " + authentication.Failure));
            return;
        }

        if (!services.TryGet(method, out var serverMethod))
        {
            await RefuseAsync(http, new GrpcStatus(StatusCode.Unimplemented, $"Method {method} is unimplemented."));
            return;
        }

        // PROTOCOL-HTTP2.md "Compression": a message compressed with an encoding the server does not support ends the
        // call with UNIMPLEMENTED, and grpc-accept-encoding says what it does support (identity only here).
        var encoding = http.Request.Headers[GrpcProtocol.EncodingHeader].ToString();
        if (encoding.Length > 0 && !string.Equals(encoding, GrpcProtocol.IdentityEncoding, StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.IdentityEncoding;
            await RefuseAsync(http, new GrpcStatus(StatusCode.Unimplemented, $"grpc-encoding '{encoding}' is not supported (only identity)"));
            return;
        }

        TimeSpan? timeout = null;
        var timeoutHeader = http.Request.Headers[GrpcProtocol.TimeoutHeader].ToString();
        if (timeoutHeader.Length > 0)
        {
            if (!GrpcTimeout.TryParse(timeoutHeader, out var parsed))
            {
                await RefuseAsync(http, new GrpcStatus(StatusCode.Internal, $"malformed grpc-timeout '{timeoutHeader}'"));
                return;
            }

            timeout = parsed;
        }

        await RunAsync(http, serverMethod, authentication.Identity, timeout);
    }

    private async Task RunAsync(HttpContext http, ServerMethod serverMethod, string identity, TimeSpan? timeout)
    {
        var call = new GrpcServerCall(http, serverMethod.FullName, identity, timeout, maxReceiveMessageSize, time, logger);
        await using (call)
        {
            GrpcStatus status;
            try
            {
                await serverMethod.InvokeAsync(call);
                status = GrpcStatus.Ok;
            }
            catch (Exception) when (call.DeadlineExceeded)
            {
                // The deadline's status has gone out already; whatever the handler did after it no longer matters.
                return;
            }
            catch (Exception) when (http.RequestAborted.IsCancellationRequested)
            {
                // The client reset the stream (cancelled): there is nobody to send a status to.
                GrpcServerLog.Cancelled(logger, call.Peer, serverMethod.FullName);
                return;
            }
            catch (RpcException error)
            {
                status = new GrpcStatus(error.StatusCode, error.Detail);
            }
            catch (Exception error)
            {
                GrpcServerLog.HandlerFailed(logger, call.Peer, serverMethod.FullName, error);
                status = new GrpcStatus(StatusCode.Internal, HandlerExceptionMessage);
            }

            await call.CompleteAsync(status);
        }
    }

    private async Task RefuseAsync(HttpContext http, GrpcStatus status)
    {
        // Trailers-Only (PROTOCOL-HTTP2.md "Responses": Trailers-Only → HTTP-Status Content-Type Trailers).
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = GrpcProtocol.ContentType;
        http.Response.Headers[GrpcProtocol.StatusHeader] = status.StatusValue;
        if (status.MessageValue is { } message)
        {
            http.Response.Headers[GrpcProtocol.MessageHeader] = message;
        }

        await http.Response.CompleteAsync();
        GrpcServerLog.Completed(logger, $"{http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}", http.Request.Path.Value ?? string.Empty, status.Code, status.Detail);
    }
}
