using Appliance.HaAgent.Sync.Grpc;
using Google.Protobuf;

namespace Appliance.HaAgent.Sync.Server;

/// <summary>
/// The methods a <see cref="GrpcServerHost"/> serves, by full name <c>/package.Service/Method</c>; a call to any other
/// name gets UNIMPLEMENTED. Register before the host starts.
/// </summary>
public sealed class GrpcServiceRegistry
{
    private readonly Dictionary<string, ServerMethod> _methods = new(StringComparer.Ordinal);

    /// <summary>The registered full names.</summary>
    public IReadOnlyCollection<string> MethodNames => _methods.Keys;

    /// <summary>Registers a unary method: one request in, one response out.</summary>
    public GrpcServiceRegistry AddUnary<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, Func<TRequest, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Add(method, MethodType.Unary, new UnaryServerMethod<TRequest, TResponse>(method, handler));

    /// <summary>Registers a server-streaming method: one request in, the handler writes any number of responses.</summary>
    public GrpcServiceRegistry AddServerStreaming<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, Func<TRequest, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Add(method, MethodType.ServerStreaming, new ServerStreamingServerMethod<TRequest, TResponse>(method, handler));

    /// <summary>Registers a client-streaming method: the handler reads the requests to their end and returns one response.</summary>
    public GrpcServiceRegistry AddClientStreaming<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, Func<IAsyncEnumerable<TRequest>, ServerCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Add(method, MethodType.ClientStreaming, new ClientStreamingServerMethod<TRequest, TResponse>(method, handler));

    /// <summary>Registers a bidirectional-streaming method: requests and responses flow independently.</summary>
    public GrpcServiceRegistry AddDuplexStreaming<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method,
        Func<IAsyncEnumerable<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Add(method, MethodType.DuplexStreaming, new DuplexStreamingServerMethod<TRequest, TResponse>(method, handler));

    internal bool TryGet(string fullName, out ServerMethod method) => _methods.TryGetValue(fullName, out method!);

    private GrpcServiceRegistry Add<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, MethodType expected, ServerMethod serverMethod)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        if (method.Type != expected)
        {
            throw new ArgumentException($"method {method.FullName} is {method.Type}, not {expected}", nameof(method));
        }

        if (!_methods.TryAdd(method.FullName, serverMethod))
        {
            throw new ArgumentException($"method {method.FullName} is already registered", nameof(method));
        }

        return this;
    }
}
