using System.Runtime.CompilerServices;
using Appliance.HaAgent.Sync.Grpc;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Appliance.HaAgent.Sync.Server;

/// <summary>
/// One call on the server: reads request messages from the HTTP/2 request body, writes response messages and, once,
/// the status (PROTOCOL-HTTP2.md "Responses": Response-Headers *Length-Prefixed-Message Trailers, or Trailers-Only when
/// nothing was sent). Enforces the deadline: when it passes, the handler's token is cancelled and DEADLINE_EXCEEDED is
/// sent at once, whatever the handler does next.
/// </summary>
internal sealed class GrpcServerCall : IAsyncDisposable
{
    private readonly HttpContext _http;
    private readonly GrpcMessageReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _cancellation;
    private readonly ITimer? _deadlineTimer;
    private readonly TimeSpan? _timeout;
    private readonly ILogger _logger;
    private bool _completed;
    private volatile bool _deadlineExceeded;

    public GrpcServerCall(HttpContext http, string method, string identity, TimeSpan? timeout, int maxReceiveMessageSize, TimeProvider time, ILogger logger)
    {
        _http = http;
        _logger = logger;
        _timeout = timeout;
        _reader = new GrpcMessageReader(http.Request.BodyReader, maxReceiveMessageSize);
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        Peer = $"{http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}";
        DateTimeOffset? deadline = timeout is { } t ? time.GetUtcNow() + t : null;
        Context = new ServerCallContext(
            method,
            Peer,
            identity,
            deadline,
            name => http.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null,
            _cancellation.Token);
        if (timeout is { } due)
        {
            _deadlineTimer = time.CreateTimer(_ => OnDeadline(), null, due, Timeout.InfiniteTimeSpan);
        }
    }

    public ServerCallContext Context { get; }

    public string Peer { get; }

    /// <summary>True once the deadline has passed (the status sent is then DEADLINE_EXCEEDED).</summary>
    public bool DeadlineExceeded => _deadlineExceeded;

    /// <summary>The single request of a unary or server-streaming call: exactly one message, then the end of the stream.</summary>
    public async Task<T> ReadSingleAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var message = await _reader.ReadAsync(parser, Context.CancellationToken)
            ?? throw new RpcException(StatusCode.Internal, "the request ended without a message (a unary request has exactly one)");
        if (await _reader.ReadAsync(parser, Context.CancellationToken) is not null)
        {
            throw new RpcException(StatusCode.Internal, "the request has more than one message (a unary request has exactly one)");
        }

        return message;
    }

    /// <summary>The request stream of a client-streaming or bidirectional call.</summary>
    public async IAsyncEnumerable<T> ReadAllAsync<T>(MessageParser<T> parser, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, IMessage<T>
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(Context.CancellationToken, cancellationToken);
        while (await _reader.ReadAsync(parser, linked.Token) is { } message)
        {
            yield return message;
        }
    }

    /// <summary>Sends one response message (the response headers go out with the first).</summary>
    public async Task WriteAsync(IMessage message)
    {
        await _writeLock.WaitAsync(Context.CancellationToken);
        try
        {
            if (_completed)
            {
                throw new InvalidOperationException(_deadlineExceeded
                    ? "the call's deadline has passed; no more messages can be sent"
                    : "the call has completed; no more messages can be sent");
            }

            var response = _http.Response;
            if (!response.HasStarted)
            {
                response.ContentType = GrpcProtocol.ContentType;
            }

            GrpcFrame.Write(response.BodyWriter, message);
            await response.BodyWriter.FlushAsync(Context.CancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sends the status and ends the response, once (later calls do nothing): in trailers after messages, or as a
    /// Trailers-Only response (HEADERS with END_STREAM: ":status 200", content-type, grpc-status, grpc-message) when no
    /// message was sent.
    /// </summary>
    public async Task CompleteAsync(GrpcStatus status)
    {
        await _writeLock.WaitAsync(CancellationToken.None);
        try
        {
            if (_completed || _http.RequestAborted.IsCancellationRequested)
            {
                _completed = true;
                return;
            }

            _completed = true;
            var response = _http.Response;
            if (!response.HasStarted)
            {
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = GrpcProtocol.ContentType;
                response.Headers[GrpcProtocol.StatusHeader] = status.StatusValue;
                if (status.MessageValue is { } headerMessage)
                {
                    response.Headers[GrpcProtocol.MessageHeader] = headerMessage;
                }
            }
            else
            {
                response.AppendTrailer(GrpcProtocol.StatusHeader, status.StatusValue);
                if (status.MessageValue is { } trailerMessage)
                {
                    response.AppendTrailer(GrpcProtocol.MessageHeader, trailerMessage);
                }
            }

            await response.CompleteAsync();
            GrpcServerLog.Completed(_logger, Peer, Context.Method, status.Code, status.Detail);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_deadlineTimer is not null)
        {
            await _deadlineTimer.DisposeAsync();
        }

        // A deadline callback already running finds the call completed and leaves the HttpContext alone, which the
        // server reuses once the request delegate returns.
        await _writeLock.WaitAsync(CancellationToken.None);
        _completed = true;
        _writeLock.Release();
        _cancellation.Dispose();
    }

    private void OnDeadline()
    {
        _deadlineExceeded = true;
        GrpcServerLog.DeadlineExceeded(_logger, Peer, Context.Method, _timeout ?? TimeSpan.Zero);
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        _ = CompleteAfterDeadlineAsync();
    }

    private async Task CompleteAfterDeadlineAsync()
    {
        try
        {
            await CompleteAsync(new GrpcStatus(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
        }
        catch (Exception error)
        {
            GrpcServerLog.DeadlineCompletionFailed(_logger, Peer, Context.Method, error);
        }
    }
}
