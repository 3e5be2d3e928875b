using Appliance.HaAgent.Sync.Grpc;
using Google.Protobuf;

namespace Appliance.HaAgent.Sync.Server;

internal sealed class DuplexStreamingServerMethod<TRequest, TResponse>(
    GrpcMethod<TRequest, TResponse> method,
    Func<IAsyncEnumerable<TRequest>, IServerStreamWriter<TResponse>, ServerCallContext, Task> handler)
    : ServerMethod(method.FullName)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public override Task InvokeAsync(GrpcServerCall call) =>
        handler(call.ReadAllAsync(method.RequestParser), new ServerStreamWriter<TResponse>(call), call.Context);
}
