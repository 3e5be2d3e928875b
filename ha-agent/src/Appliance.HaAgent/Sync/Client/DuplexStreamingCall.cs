using Google.Protobuf;

namespace Appliance.HaAgent.Sync.Client;

/// <summary>A running bidirectional-streaming call. Dispose it to cancel it before its end.</summary>
public sealed class DuplexStreamingCall<TRequest, TResponse> : IAsyncDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcClientCall<TRequest, TResponse> _call;

    internal DuplexStreamingCall(GrpcClientCall<TRequest, TResponse> call)
    {
        _call = call;
    }

    /// <summary>Sends one request (one at a time; wait for each).</summary>
    public Task WriteAsync(TRequest message) => _call.WriteAsync(message);

    /// <summary>Ends the requests (END_STREAM); responses may still follow.</summary>
    public Task CompleteAsync() => _call.CompleteRequestsAsync();

    /// <summary>The responses as they arrive; a status other than OK is thrown after the last.</summary>
    public IAsyncEnumerable<TResponse> ReadAllAsync(CancellationToken cancellationToken = default) => _call.ReadResponsesAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _call.DisposeAsync();
}
