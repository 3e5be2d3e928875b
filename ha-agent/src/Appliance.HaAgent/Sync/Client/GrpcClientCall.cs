using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Appliance.HaAgent.Sync.Grpc;
using Google.Protobuf;

namespace Appliance.HaAgent.Sync.Client;

/// <summary>
/// One call from the client: the HTTP/2 request (PROTOCOL-HTTP2.md "Requests": POST to /Service/Method with te:
/// trailers, content-type application/grpc and grpc-timeout), the request messages, the response messages and the
/// status from the trailers or from a Trailers-Only response. The deadline is enforced locally as well as sent: when
/// it passes the stream is reset and the call fails with DEADLINE_EXCEEDED.
/// </summary>
internal sealed class GrpcClientCall<TRequest, TResponse> : IAsyncDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcChannel _channel;
    private readonly GrpcMethod<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cancellation;
    private readonly ITimer? _deadlineTimer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private PushStreamContent? _requestStream;
    private Task<HttpResponseMessage>? _response;
    private HttpResponseMessage? _httpResponse;
    private bool _requestsCompleted;
    private volatile bool _deadlineExceeded;

    public GrpcClientCall(GrpcChannel channel, GrpcMethod<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);

        // Cancelling (the caller's token, the deadline, an error, disposal) resets the stream at once (RST_STREAM
        // CANCEL, PROTOCOL-HTTP2.md "Errors": "CANCEL: the call was cancelled"), even while nothing is reading.
        _cancellation.Token.Register(static state => ((GrpcClientCall<TRequest, TResponse>)state!).AbortResponse(), this);
        if (options.Timeout is { } timeout)
        {
            _deadlineTimer = channel.Time.CreateTimer(_ => OnDeadline(), null, timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Sends a unary or server-streaming call's one request.</summary>
    public void Start(TRequest request)
    {
        var content = new ByteArrayContent(GrpcFrame.Encode(request));
        content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
        Start(content);
    }

    /// <summary>Starts a client-streaming or bidirectional call; requests follow through <see cref="WriteAsync"/>.</summary>
    public void StartStreaming()
    {
        _requestStream = new PushStreamContent();
        Start(_requestStream);
    }

    public async Task WriteAsync(TRequest message)
    {
        var content = _requestStream ?? throw new InvalidOperationException($"{_method.FullName} has no request stream");
        await _writeLock.WaitAsync(_cancellation.Token);
        try
        {
            if (_requestsCompleted)
            {
                throw new InvalidOperationException("the request stream has been completed");
            }

            if (await Task.WhenAny(content.Stream, _response!) != content.Stream)
            {
                // The call ended (or failed to start) before the request body began: its status says why.
                await GetResponseAsync();
                throw new RpcException(StatusCode.Internal, "the server ended the call before its requests were sent");
            }

            var stream = await content.Stream;
            await stream.WriteAsync(GrpcFrame.Encode(message), _cancellation.Token);
            await stream.FlushAsync(_cancellation.Token);
        }
        catch (Exception error) when (error is not RpcException and not InvalidOperationException)
        {
            throw ToRpcException(error);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task CompleteRequestsAsync()
    {
        await _writeLock.WaitAsync(_cancellation.Token);
        _requestsCompleted = true;
        _requestStream?.Complete();
        _writeLock.Release();
    }

    /// <summary>The response messages; after the last, the status: a non-OK status is thrown as <see cref="RpcException"/>.</summary>
    public async IAsyncEnumerable<TResponse> ReadResponsesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => _cancellation.Cancel());
        var response = await GetResponseAsync();
        if (response.Headers.Contains(GrpcProtocol.StatusHeader))
        {
            // Trailers-Only: the status came with the headers (and was OK, or GetResponseAsync would have thrown).
            yield break;
        }

        GrpcMessageReader reader;
        try
        {
            var body = await response.Content.ReadAsStreamAsync(_cancellation.Token);
            reader = new GrpcMessageReader(PipeReader.Create(body), _channel.MaxReceiveMessageSize);
        }
        catch (Exception error)
        {
            throw ToRpcException(error);
        }

        while (true)
        {
            TResponse? message;
            try
            {
                message = await reader.ReadAsync(_method.ResponseParser, _cancellation.Token);
            }
            catch (Exception error)
            {
                var failure = ToRpcException(error);
                await _cancellation.CancelAsync();
                throw failure;
            }

            if (message is null)
            {
                break;
            }

            yield return message;
        }

        var status = GrpcStatus.Read(name => Header(response.TrailingHeaders, name))
            ?? new GrpcStatus(StatusCode.Internal, "the response ended without grpc-status in its trailers");
        if (status.Code != StatusCode.OK)
        {
            throw _deadlineExceeded ? DeadlineException() : status.ToException();
        }
    }

    /// <summary>The one response of a unary or client-streaming call.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        TResponse? single = null;
        await foreach (var message in ReadResponsesAsync(CancellationToken.None))
        {
            if (single is not null)
            {
                throw new RpcException(StatusCode.Internal, "more than one response message for a method with one response");
            }

            single = message;
        }

        return single ?? throw new RpcException(StatusCode.Internal, "the call succeeded without a response message");
    }

    public async ValueTask DisposeAsync()
    {
        if (_deadlineTimer is not null)
        {
            await _deadlineTimer.DisposeAsync();
        }

        // A call disposed before its end is cancelled: the handler resets the stream (RST_STREAM CANCEL).
        _requestStream?.Abort();
        await _cancellation.CancelAsync();
        _httpResponse?.Dispose();
        _cancellation.Dispose();
    }

    private void Start(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.BaseAddress, _method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.TryAddWithoutValidation("user-agent", "appliance-sync-grpc/1");
        if (_options.Timeout is { } timeout && timeout > TimeSpan.Zero)
        {
            request.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
        }

        foreach (var (name, value) in _options.Headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (_channel.CreateAuthorization(_method.FullName) is { } authorization)
        {
            request.Headers.TryAddWithoutValidation(Security.PskAuthorization.HeaderName, authorization);
        }

        _response = SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        try
        {
            if (_options.Timeout is { } timeout && timeout <= TimeSpan.Zero)
            {
                throw DeadlineException();
            }

            var response = await _channel.Invoker.SendAsync(request, _cancellation.Token);
            Volatile.Write(ref _httpResponse, response);
            return response;
        }
        catch (Exception error)
        {
            throw ToRpcException(error);
        }
    }

    private async Task<HttpResponseMessage> GetResponseAsync()
    {
        var response = await (_response ?? throw new InvalidOperationException("the call has not started"));
        var status = GrpcStatus.Read(name => Header(response.Headers, name));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            // http-grpc-status-mapping.md applies only when the response carries no grpc-status of its own.
            throw status is { } given && given.Code != StatusCode.OK
                ? given.ToException()
                : new RpcException(GrpcHttpMapping.FromHttpStatus(response.StatusCode), $"HTTP status {(int)response.StatusCode} from the server");
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw new RpcException(StatusCode.Unknown, $"the response's content-type '{contentType}' is not application/grpc");
        }

        if (status is { Code: not StatusCode.OK } failed)
        {
            throw _deadlineExceeded ? DeadlineException() : failed.ToException();
        }

        return response;
    }

    private RpcException ToRpcException(Exception error)
    {
        if (error is RpcException rpc)
        {
            return rpc;
        }

        if (_deadlineExceeded)
        {
            return DeadlineException(error);
        }

        if (_options.CancellationToken.IsCancellationRequested || error is OperationCanceledException)
        {
            return new RpcException(StatusCode.Cancelled, "Call cancelled by the client.", error);
        }

        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpProtocolException protocol)
            {
                return new RpcException(GrpcHttpMapping.FromHttp2ErrorCode(protocol.ErrorCode), $"HTTP/2 stream error: {protocol.Message}", error);
            }
        }

        return error is HttpRequestException or IOException
            ? new RpcException(StatusCode.Unavailable, $"{_channel.BaseAddress}: {Innermost(error).Message}", error)
            : new RpcException(StatusCode.Internal, $"{error.GetType().Name}: {error.Message}", error);
    }

    private RpcException DeadlineException(Exception? inner = null) =>
        inner is null ? new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded") : new RpcException(StatusCode.DeadlineExceeded, "Deadline Exceeded", inner);

    private void OnDeadline()
    {
        _deadlineExceeded = true;
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended as the deadline passed.
        }
    }

    private void AbortResponse() => Volatile.Read(ref _httpResponse)?.Dispose();

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is not null)
        {
            error = error.InnerException;
        }

        return error;
    }

    private static string? Header(HttpHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
