using Google.Protobuf;

namespace Appliance.HaAgent.Sync.Client;

/// <summary>A running client-streaming call. Dispose it to cancel it before its end.</summary>
public sealed class ClientStreamingCall<TRequest, TResponse> : IAsyncDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcClientCall<TRequest, TResponse> _call;

    internal ClientStreamingCall(GrpcClientCall<TRequest, TResponse> call)
    {
        _call = call;
    }

    /// <summary>Sends one request (one at a time; wait for each).</summary>
    /// <exception cref="Grpc.RpcException">When the call has failed (its status).</exception>
    public Task WriteAsync(TRequest message) => _call.WriteAsync(message);

    /// <summary>Ends the requests (END_STREAM); the server then answers.</summary>
    public Task CompleteAsync() => _call.CompleteRequestsAsync();

    /// <summary>The response, after <see cref="CompleteAsync"/>; a status other than OK is thrown.</summary>
    public Task<TResponse> GetResponseAsync() => _call.ReadSingleResponseAsync();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _call.DisposeAsync();
}
