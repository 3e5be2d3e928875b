namespace Appliance.HaAgent.Sync.Client;

/// <summary>A running server-streaming call. Dispose it to cancel it before its end.</summary>
public sealed class ServerStreamingCall<TResponse> : IAsyncDisposable
{
    private readonly Func<CancellationToken, IAsyncEnumerable<TResponse>> _read;
    private readonly Func<ValueTask> _dispose;

    internal ServerStreamingCall(Func<CancellationToken, IAsyncEnumerable<TResponse>> read, Func<ValueTask> dispose)
    {
        _read = read;
        _dispose = dispose;
    }

    /// <summary>The responses as they arrive; a status other than OK is thrown (<see cref="Grpc.RpcException"/>) after the last.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public IAsyncEnumerable<TResponse> ReadAllAsync(CancellationToken cancellationToken = default) => _read(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dispose();
}
